using System.Diagnostics;
using OpenCts.Fuzz;
using SharpFuzz;

// fuzz TARGET                : the AFL++ persistent-mode loop (run under afl-fuzz by tests/fuzz/fuzz.sh)
// seed TARGET SAMPLES OUT    : writes the target's seed inputs, made from the samples folder, into OUT
// replay TARGET FILE|DIR...  : runs inputs once each and prints their time; exit 1 when one throws
if (args.Length < 2 || !FuzzTargets.All.TryGetValue(args[1], out var target))
{
    Console.Error.WriteLine($"usage: OpenCts.Fuzz fuzz|seed|replay TARGET ...; targets: {string.Join(", ", FuzzTargets.All.Keys)}");
    return 2;
}
switch (args[0])
{
    case "fuzz":
        Fuzzer.Run(stream =>
        {
            using var buffer = new MemoryStream();
            stream.CopyTo(buffer);
            target.Run(buffer.ToArray());
        });
        return 0;
    case "seed" when args.Length == 4:
        Directory.CreateDirectory(args[3]);
        var count = 0;
        foreach (var (name, content) in target.Seeds(args[2]))
        {
            File.WriteAllBytes(Path.Combine(args[3], name), content);
            count++;
        }
        Console.WriteLine($"{target.Name}: {count} seeds in {args[3]}");
        return count > 0 ? 0 : 1;
    case "replay":
        var failed = 0;
        foreach (var file in args.Skip(2).SelectMany(a => Directory.Exists(a) ? Directory.EnumerateFiles(a) : [a]).Order(StringComparer.Ordinal))
        {
            var watch = Stopwatch.StartNew();
            try
            {
                target.Run(File.ReadAllBytes(file));
                Console.WriteLine($"{watch.Elapsed.TotalMilliseconds,10:F1} ms  {file}");
            }
            catch (Exception e)
            {
                failed++;
                Console.WriteLine($"CRASH {file}: {e}");
            }
        }
        return failed == 0 ? 0 : 1;
    default:
        Console.Error.WriteLine("usage: OpenCts.Fuzz fuzz|seed|replay TARGET ...");
        return 2;
}
