return await Course.Notebooks.Execution.WorkerHost.RunAsync(args);
