namespace Robotics.Middleware.Lifecycle;

/// <summary>An entity that follows its lifecycle node's activation.</summary>
internal interface ILifecycleAware
{
    void SetActive(bool active);
}
