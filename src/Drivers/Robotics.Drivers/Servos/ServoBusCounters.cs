namespace Robotics.Drivers.Servos;

/// <summary>Mutable counters behind <see cref="ServoBusStatistics"/>; updated only by the bus owner's thread.</summary>
internal sealed class ServoBusCounters
{
    private long _transactions;
    private long _timeouts;
    private long _crcErrors;
    private long _lengthErrors;
    private long _wrongIds;
    private long _malformed;
    private long _rejections;
    private long _alerts;
    private long _retries;
    private long _consecutiveFailures;

    public void Transaction() => _transactions++;

    public void Retry() => _retries++;

    public void WrongIdSeen() => _wrongIds++;

    /// <summary>Counts one servo reply by its outcome.</summary>
    public void Reply(in ServoReply reply)
    {
        if (reply.HardwareAlert)
        {
            _alerts++;
        }

        switch (reply.Error)
        {
            case ServoError.None:
                return;
            case ServoError.Timeout:
                _timeouts++;
                break;
            case ServoError.BadCrc:
                _crcErrors++;
                break;
            case ServoError.BadLength:
            case ServoError.Truncated:
                _lengthErrors++;
                break;
            case ServoError.WrongId:
                // Counted when the stray packet is seen (WrongIdSeen), so that a sync read that receives one stray
                // packet and still completes also shows it.
                break;
            case ServoError.Malformed:
                _malformed++;
                break;
            case ServoError.DeviceRejected:
                _rejections++;
                break;
        }
    }

    /// <summary>Ends one bus operation (retries included): any servo still failed counts it as a failure in a row.</summary>
    public void Outcome(bool allOk) => _consecutiveFailures = allOk ? 0 : _consecutiveFailures + 1;

    public ServoBusStatistics Snapshot() => new()
    {
        Transactions = _transactions,
        Timeouts = _timeouts,
        CrcErrors = _crcErrors,
        LengthErrors = _lengthErrors,
        WrongIds = _wrongIds,
        MalformedPackets = _malformed,
        DeviceRejections = _rejections,
        HardwareAlerts = _alerts,
        ReadRetries = _retries,
        ConsecutiveFailures = _consecutiveFailures,
    };
}
