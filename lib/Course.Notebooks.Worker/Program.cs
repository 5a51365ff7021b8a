return Course.Notebooks.Execution.WorkerHost.Run(args);
