using System.Diagnostics;
using System.Globalization;
using System.Text.Json;

namespace Robotics.Cli.Tests;

/// <summary>
/// Two "hosts" on this machine: network namespaces <see cref="A"/> and <see cref="B"/> joined by a veth pair
/// (10.213.N.1/24 in A, 10.213.N.2/24 in B). Each has only <c>lo</c> and its veth end, and the veth is created inside
/// A with its peer inside B, so it never exists in this machine's own namespace: whatever runs in them reaches the other
/// namespace and nothing else. The names carry this process's id; Dispose stops what still runs inside (by pid) and
/// deletes both namespaces, which deletes the veth pair. Needs root (CAP_SYS_ADMIN, CAP_NET_ADMIN) and iproute2, and
/// fails with a message saying so rather than skipping.
/// </summary>
public sealed class NetworkNamespacePair : IDisposable
{
    private const string Prefix = "robotics-mh-";
    private static int _created;

    public NetworkNamespacePair()
    {
        RemoveStale();
        var n = Interlocked.Increment(ref _created);
        var id = string.Create(CultureInfo.InvariantCulture, $"{Prefix}{Environment.ProcessId}-{n}");
        var subnet = string.Create(CultureInfo.InvariantCulture, $"10.213.{(n % 250) + 1}");
        A = new NamespaceSide(id + "-a", "veth-a", subnet + ".1");
        B = new NamespaceSide(id + "-b", "veth-b", subnet + ".2");
        try
        {
            Create(A);
            Create(B);
            Ip("-n", A.Name, "link", "add", A.Interface, "type", "veth", "peer", "name", B.Interface, "netns", B.Name);
            foreach (var side in new[] { A, B })
            {
                Ip("-n", side.Name, "addr", "add", side.Address + "/24", "dev", side.Interface);
                Ip("-n", side.Name, "link", "set", "lo", "up");
                Ip("-n", side.Name, "link", "set", side.Interface, "up");
            }

            foreach (var side in new[] { A, B })
            {
                WaitUntilUp(side);
            }
        }
        catch
        {
            Dispose();
            throw;
        }
    }

    public NamespaceSide A { get; }

    public NamespaceSide B { get; }

    /// <summary>Runs <paramref name="command"/> inside <paramref name="side"/>'s namespace; its stdout, or an exception with its stderr.</summary>
    public static string Exec(NamespaceSide side, string? input, params string[] command)
    {
        ArgumentNullException.ThrowIfNull(side);
        return Run("ip", input, ["netns", "exec", side.Name, .. command]);
    }

    /// <summary>Loads an nftables script into <paramref name="side"/>'s namespace (it goes away with the namespace).</summary>
    public static void Nft(NamespaceSide side, string script) => Exec(side, script, "nft", "-f", "-");

    /// <summary>The packet counters of the rules that carry a comment in nftables table <c>inet</c> <paramref name="table"/>, by comment.</summary>
    public static Dictionary<string, long> Counters(NamespaceSide side, string table)
    {
        using var json = JsonDocument.Parse(Exec(side, null, "nft", "-j", "list", "table", "inet", table));
        var counters = new Dictionary<string, long>(StringComparer.Ordinal);
        foreach (var item in json.RootElement.GetProperty("nftables").EnumerateArray())
        {
            if (item.TryGetProperty("rule", out var rule) && rule.TryGetProperty("comment", out var comment))
            {
                foreach (var expression in rule.GetProperty("expr").EnumerateArray())
                {
                    if (expression.TryGetProperty("counter", out var counter))
                    {
                        counters[comment.GetString()!] = counter.GetProperty("packets").GetInt64();
                    }
                }
            }
        }

        return counters;
    }

    public void Dispose()
    {
        foreach (var side in new[] { A, B })
        {
            StopProcessesIn(side.Name);
            TryRun("ip", "netns", "delete", side.Name);
        }
    }

    private static void Create(NamespaceSide side)
    {
        try
        {
            Ip("netns", "add", side.Name);
        }
        catch (Exception e) when (e is InvalidOperationException or System.ComponentModel.Win32Exception)
        {
            throw new InvalidOperationException(
                $"cannot create network namespace '{side.Name}' ({e.Message.Trim()}). The multi-host tests need root "
                + "(CAP_SYS_ADMIN and CAP_NET_ADMIN) and iproute2 (scripts/bootstrap); they fail rather than skip.", e);
        }
    }

    private static void WaitUntilUp(NamespaceSide side)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(10);
        while (!Ip("-n", side.Name, "-br", "link", "show", "dev", side.Interface).Contains(" UP ", StringComparison.Ordinal))
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new InvalidOperationException($"{side.Interface} in {side.Name} did not come up within 10 s");
            }

            Thread.Sleep(20);
        }
    }

    /// <summary>Kills, by pid, what still runs in a namespace of ours (a child a failed test left behind).</summary>
    private static void StopProcessesIn(string name)
    {
        var (code, output) = TryRun("ip", "netns", "pids", name);
        if (code != 0)
        {
            return;
        }

        foreach (var line in output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            try
            {
                using var process = Process.GetProcessById(int.Parse(line, CultureInfo.InvariantCulture));
                process.Kill(entireProcessTree: true);
                process.WaitForExit(TimeSpan.FromSeconds(10));
            }
            catch (Exception e) when (e is ArgumentException or InvalidOperationException)
            {
                // Already gone.
            }
        }
    }

    /// <summary>Deletes namespaces a test process that no longer exists left behind (killed before its Dispose ran).</summary>
    private static void RemoveStale()
    {
        var (code, output) = TryRun("ip", "netns", "list");
        if (code != 0)
        {
            return;
        }

        foreach (var name in output.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => l.Split(' ')[0]))
        {
            var pid = name.StartsWith(Prefix, StringComparison.Ordinal) ? name[Prefix.Length..].Split('-')[0] : null;
            if (pid is not null && int.TryParse(pid, NumberStyles.None, CultureInfo.InvariantCulture, out _) && !Directory.Exists("/proc/" + pid))
            {
                StopProcessesIn(name);
                TryRun("ip", "netns", "delete", name);
            }
        }
    }

    private static string Ip(params string[] args) => Run("ip", null, args);

    private static (int ExitCode, string Output) TryRun(string file, params string[] args)
    {
        try
        {
            return (0, Run(file, null, args));
        }
        catch (Exception e) when (e is InvalidOperationException or System.ComponentModel.Win32Exception)
        {
            return (1, e.Message);
        }
    }

    private static string Run(string file, string? input, string[] args)
    {
        var info = new ProcessStartInfo(file) { RedirectStandardOutput = true, RedirectStandardError = true, RedirectStandardInput = input is not null };
        foreach (var arg in args)
        {
            info.ArgumentList.Add(arg);
        }

        using var process = Process.Start(info)!;
        if (input is not null)
        {
            process.StandardInput.Write(input);
            process.StandardInput.Close();
        }

        var error = process.StandardError.ReadToEndAsync();
        var output = process.StandardOutput.ReadToEnd();
        if (!process.WaitForExit(TimeSpan.FromSeconds(30)))
        {
            process.Kill(entireProcessTree: true);
            throw new InvalidOperationException($"{file} {string.Join(' ', args)}: no exit within 30 s");
        }

        return process.ExitCode == 0
            ? output
            : throw new InvalidOperationException($"{file} {string.Join(' ', args)} failed ({process.ExitCode}): {error.Result.Trim()}");
    }
}

/// <summary>One end of a <see cref="NetworkNamespacePair"/>: the namespace, its veth interface and that interface's address.</summary>
public sealed record NamespaceSide(string Name, string Interface, string Address);
