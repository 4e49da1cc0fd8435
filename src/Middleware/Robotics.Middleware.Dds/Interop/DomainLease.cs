namespace Robotics.Middleware.Dds.Interop;

/// <summary>
/// A DDS domain can be created once per process with an explicit configuration (<c>dds_create_domain</c>); every
/// transport on the same domain id shares it, the last one out deletes it (rmw_cyclonedds does the same refcount).
/// The first transport's configuration wins for the domain.
/// </summary>
internal sealed class DomainLease : IDisposable
{
    private static readonly Lock _lock = new();
    private static readonly Dictionary<uint, (EntityHandle Domain, int Users)> _domains = [];
    private readonly uint _id;
    private int _released;

    private DomainLease(uint id) => _id = id;

    public static DomainLease Acquire(uint id, string config)
    {
        lock (_lock)
        {
            if (_domains.TryGetValue(id, out var entry))
            {
                _domains[id] = (entry.Domain, entry.Users + 1);
            }
            else
            {
                var domain = EntityHandle.Create(Ddsc.CreateDomain(id, config), $"dds_create_domain {id} (check the Cyclone XML in CYCLONEDDS_URI)", null);
                _domains[id] = (domain, 1);
                SocketInheritance.MarkCloseOnExec(); // the domain's discovery sockets now exist
            }

            return new DomainLease(id);
        }
    }

    public void Dispose()
    {
        if (Interlocked.Exchange(ref _released, 1) != 0)
        {
            return;
        }

        lock (_lock)
        {
            var (domain, users) = _domains[_id];
            if (users > 1)
            {
                _domains[_id] = (domain, users - 1);
            }
            else
            {
                _domains.Remove(_id);
                domain.Dispose();
            }
        }
    }
}
