using System.Collections.Frozen;
using System.Reflection;

namespace Lighten.Core.Ops;

/// <summary>
/// One instance of <typeparamref name="T"/> per op, keyed by (domain, op type) with <c>ai.onnx</c> read as the default
/// domain <c>""</c>. Every per-op registry of Lighten (shape and cost rules, quantizers, channel rules, constant kernels,
/// opset adapters, training forwards) is one of these, filled with the concrete subclasses of <typeparamref name="T"/>
/// in the assembly that declares it; another assembly adds its own ops with <see cref="Register(T)"/> or
/// <see cref="Register(Assembly)"/>.
/// </summary>
/// <remarks>
/// An op is registered once: a second handler for the same (domain, op type) throws, naming both classes, so that a
/// registration never replaces a built-in rule. Lookups are lock-free reads of an immutable snapshot and safe from any
/// thread; registrations are serialized and each publishes a new snapshot. Registering after first use is allowed: it
/// only turns an unknown op into a known one, and lookups made before it keep what they found (an op that was
/// unknown to a pass or module already running stays unknown there). Register at start-up — a module initializer or
/// the start of <c>Main</c> — before graphs are analysed or modules built.
/// </remarks>
/// <typeparam name="T">The kind of per-op class.</typeparam>
public sealed class OpTable<T> where T : class, IOpHandler
{
    private readonly string what;
    private readonly Lock writeLock = new();
    private volatile FrozenDictionary<(string Domain, string OpType), T> handlers =
        FrozenDictionary<(string Domain, string OpType), T>.Empty;

    /// <summary>A table filled with the concrete subclasses of <typeparamref name="T"/> in <paramref name="assemblies"/>.</summary>
    /// <param name="what">What the handlers are, in the plural, for error messages ("shape rules", "forwards").</param>
    /// <param name="assemblies">The assemblies whose subclasses are registered (usually the one declaring <typeparamref name="T"/>).</param>
    /// <exception cref="InvalidOperationException">Two classes handle the same op.</exception>
    public OpTable(string what, params Assembly[] assemblies)
    {
        this.what = what;
        foreach (var assembly in assemblies) Register(assembly);
    }

    /// <summary>The handler of <paramref name="opType"/> in <paramref name="domain"/>, or null when none is registered.</summary>
    public T? Find(string domain, string opType) => handlers.GetValueOrDefault((NormalizeDomain(domain), opType));

    /// <summary>The handler of a node's op, or null when none is registered.</summary>
    public T? Find(Node node) => Find(node.Domain, node.OpType);

    /// <summary>The handler of an op named as <see cref="Names"/> lists it (<c>Conv</c>, <c>com.example:Scale2</c>), or null.</summary>
    public T? FindByName(string name)
    {
        int colon = name.LastIndexOf(':');
        return colon < 0 ? Find("", name) : Find(name[..colon], name[(colon + 1)..]);
    }

    /// <summary>Every registered (domain, op type), the default domain as <c>""</c>.</summary>
    public IEnumerable<(string Domain, string OpType)> Keys => handlers.Keys;

    /// <summary>Every registered op, sorted, as <c>op</c> in the default domain and <c>domain:op</c> in others.</summary>
    public IEnumerable<string> Names =>
        handlers.Keys.Select(k => k.Domain.Length == 0 ? k.OpType : $"{k.Domain}:{k.OpType}").Order(StringComparer.Ordinal);

    /// <summary>Registers <paramref name="handler"/> for each of its op types.</summary>
    /// <exception cref="InvalidOperationException">One of its ops already has a handler; nothing is registered.</exception>
    public void Register(T handler)
    {
        ArgumentNullException.ThrowIfNull(handler);
        Add([handler]);
    }

    /// <summary>
    /// Registers one instance (made with its parameterless constructor, public or not) of every concrete subclass of
    /// <typeparamref name="T"/> in <paramref name="assembly"/>.
    /// </summary>
    /// <exception cref="InvalidOperationException">A class has no parameterless constructor, or an op gets two handlers; nothing is registered.</exception>
    public void Register(Assembly assembly)
    {
        ArgumentNullException.ThrowIfNull(assembly);
        var found = new List<T>();
        foreach (var type in assembly.GetTypes())
        {
            if (type.IsAbstract || type.ContainsGenericParameters || !typeof(T).IsAssignableFrom(type) || !type.IsClass) continue;
            if (type.GetConstructor(BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic, Type.EmptyTypes) is null)
                throw new InvalidOperationException($"{what}: {type.FullName} needs a parameterless constructor to be registered from {assembly.GetName().Name}");
            found.Add((T)Activator.CreateInstance(type, nonPublic: true)!);
        }
        Add(found);
    }

    /// <summary>The domain as keyed: <c>ai.onnx</c> is the default domain <c>""</c>.</summary>
    public static string NormalizeDomain(string domain) => domain == "ai.onnx" ? "" : domain;

    private void Add(IReadOnlyList<T> added)
    {
        lock (writeLock)
        {
            var map = new Dictionary<(string, string), T>(handlers);
            foreach (var handler in added)
                foreach (var op in handler.OpTypes)
                {
                    var key = (NormalizeDomain(handler.Domain), op);
                    if (!map.TryAdd(key, handler))
                        throw new InvalidOperationException(
                            $"op {(key.Item1.Length == 0 ? op : $"{key.Item1}:{op}")} has two {what}: {map[key].GetType().FullName} and {handler.GetType().FullName}");
                }
            handlers = map.ToFrozenDictionary();
        }
    }
}
