using System.Runtime.InteropServices;

namespace OrderSync.Sandbox;

/// <summary>Stopping a child process as a service manager does: SIGTERM, so it may shut down cleanly.</summary>
public static class Signals
{
    private const int SigTerm = 15;

    /// <returns>False when the signal could not be sent (the errno is in <see cref="Marshal.GetLastPInvokeError"/>).</returns>
    public static bool Terminate(int processId) => kill(processId, SigTerm) == 0;

    [DllImport("libc", SetLastError = true)]
    private static extern int kill(int pid, int signal);
}
