return Lighten.Training.Native.ProbeChild.Main(args);
