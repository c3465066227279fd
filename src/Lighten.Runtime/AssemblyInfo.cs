namespace Lighten.Runtime;
