using System.Diagnostics;

namespace OpenCts.Tests.Shared;

/// <summary>
/// The real services some tests drive (chromium, PostgreSQL, nats-server) are Debian packages. <c>.ci/run</c> installs them;
/// a developer's <c>dotnet test</c> on a Debian machine gets them installed here the same way when it runs as root,
/// and otherwise a failure that names the package to install. Nothing is skipped.
/// </summary>
internal static class DebianPackages
{
    private static readonly Lock Gate = new();

    /// <summary>Makes sure <paramref name="file"/> exists, installing <paramref name="package"/> with apt-get when it does not.</summary>
    public static void Ensure(string package, Func<bool> installed, string what)
    {
        lock (Gate)
        {
            if (installed())
            {
                return;
            }
            if (!OperatingSystem.IsLinux() || Environment.UserName != "root" || !File.Exists("/usr/bin/apt-get"))
            {
                throw new InvalidOperationException($"{what} is missing: install the Debian package '{package}' (apt-get install -y {package}), or run the tests through .ci/run, which installs it.");
            }
            Run("apt-get", "install -y -qq " + package, package);
            if (!installed())
            {
                // The package lists of a fresh machine may be empty: refresh them once and try again.
                Run("apt-get", "update -qq", package);
                Run("apt-get", "install -y -qq " + package, package);
            }
            if (!installed())
            {
                throw new InvalidOperationException($"{what} is still missing after apt-get install {package}");
            }
        }
    }

    private static void Run(string file, string arguments, string package)
    {
        var start = new ProcessStartInfo(file, arguments) { RedirectStandardOutput = true, RedirectStandardError = true };
        start.Environment["DEBIAN_FRONTEND"] = "noninteractive";
        using var process = Process.Start(start) ?? throw new InvalidOperationException($"could not run {file} to install {package}");
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        process.WaitForExit();
        if (process.ExitCode != 0 && !arguments.StartsWith("install", StringComparison.Ordinal))
        {
            throw new InvalidOperationException($"{file} {arguments} exited with {process.ExitCode}: {error.Result}{output.Result}");
        }
    }
}
