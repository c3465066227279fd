using Lighten.Cli;

return LightenApp.Run(args);
