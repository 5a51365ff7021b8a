using BenchmarkDotNet.Running;

BenchmarkSwitcher.FromAssembly(typeof(Course.Benchmarks.CellBenchmarks).Assembly).Run(args);
