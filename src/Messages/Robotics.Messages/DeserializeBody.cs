using Robotics.Messages.Cdr;

namespace Robotics.Messages;

/// <summary>Reads one message body of a type known only at run time (CLI, recorder, bridges).</summary>
public delegate IRosMessage DeserializeBody(ref CdrReader reader);
