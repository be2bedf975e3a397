using System.Globalization;
using FakeRooms.Bench;

// FakeRooms performance benchmark (issue 8). Run from the repository root:
//
//   dotnet run -c Release --project bench/FakeRooms.Bench              # full run, about 4 minutes on 2 cores
//   dotnet run -c Release --project bench/FakeRooms.Bench -- --quick   # CI-sized, well under a minute
//
// Options: --quick; --only start,throughput,dispatch,memory,retention,rss,paging,inmem,persist (a subset); --rounds N (throughput rounds);
// --ops create,fetch,list (the throughput operations).
// Child modes (the benchmark starts itself): --load URL[,URL...] ... (the load client), --serve fake|stub|aspnet
// (one server in its own process).
CultureInfo.DefaultThreadCurrentCulture = CultureInfo.InvariantCulture;
CultureInfo.CurrentCulture = CultureInfo.InvariantCulture;

if (args.Contains("--load"))
    return await LoadClient.RunAsync(LoadSpec.Parse(args));
if (args.Contains("--serve"))
    return await ServeChild.RunAsync(args);
return await new Benchmark(BenchSettings.Parse(args)).RunAsync();
