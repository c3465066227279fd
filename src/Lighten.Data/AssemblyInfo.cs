namespace Lighten.Data;
