using System.Collections.Concurrent;
using System.Reflection;
using System.Reflection.Emit;
using System.Runtime.CompilerServices;

namespace Course.Exercises;

/// <summary>
/// Reads a method's IL, and the IL of the methods of its own assembly that it calls (lambdas included), for the
/// read-then-write steps that two threads can interleave: a field or property read and then written back
/// (<c>count++</c>), a non-concurrent collection changed, a <c>ConcurrentDictionary</c> read and then written, a
/// compare-and-swap that is not retried — each outside a lock on a shared object. It also names locks that exclude
/// nobody: a lock on a new object, or on an argument. A race shows up in a test only when the threads happen to
/// interleave; the IL shows it every time.
/// </summary>
internal static class RaceInspector
{
    /// <summary>What the IL shows, in the order a learner should fix it: wrong locks first, then the unguarded steps.</summary>
    public static IReadOnlyList<string> FindRaces(MethodInfo entry) => Walk(entry, reader: false);

    /// <summary>
    /// What a reader (01.3's Count) does wrong: it reads a collection that is not thread-safe (a <c>Dictionary</c>)
    /// outside a lock on a shared object, while another thread may be changing it under that lock. A copy-on-write field
    /// (a new collection built and swapped in at each write, none changed once published) is read safely without one.
    /// </summary>
    public static IReadOnlyList<string> FindUnguardedReads(MethodInfo entry) => Walk(entry, reader: true);

    private static IReadOnlyList<string> Walk(MethodInfo entry, bool reader)
    {
        var own = entry.DeclaringType?.Assembly ?? entry.Module.Assembly;
        var lockProblems = new List<string>();
        var races = new List<string>();
        var seen = new Dictionary<MethodBase, bool>();
        var queue = new Queue<(MethodBase Method, bool Guarded)>();
        queue.Enqueue((entry, entry.MethodImplementationFlags.HasFlag(MethodImplAttributes.Synchronized)));
        while (queue.Count > 0 && seen.Count < 64)
        {
            var (method, guarded) = queue.Dequeue();
            if (seen.TryGetValue(method, out var wasGuarded) && (guarded || !wasGuarded))
            {
                continue;
            }
            seen[method] = guarded;
            Inspect(method, guarded, own, lockProblems, races, queue, reader);
        }
        return reader ? [.. races.Distinct()] : [.. lockProblems.Distinct(), .. races.Distinct()];
    }

    private static void Inspect(MethodBase method, bool guarded, Assembly own, List<string> lockProblems, List<string> races,
        Queue<(MethodBase, bool)> queue, bool reader = false)
    {
        var code = AnswerIl.Of(method);
        if (code.Body is not { } body)
        {
            return;
        }
        var il = code.Instructions;
        MethodBase? CalleeAt(int i) => code.MethodAt(i);
        FieldInfo? FieldAt(int i) => code.FieldAt(i);

        // The regions a lock on a shared object guards: the try block of a try/finally whose finally releases a lock.
        // A ReaderWriterLockSlim's read lock guards reads only (Count's): any number of threads hold it at once, so a
        // Record under it excludes nobody. Its upgradeable read lock excludes other writers, but not Count's readers: a
        // change inside it must also hold the write lock.
        var guardedRegions = new List<(int Start, int End)>();
        var upgradeableRegions = new List<(int Start, int End)>();
        var writeLockedRegions = new List<(int Start, int End)>();
        var perArgumentRegions = new List<(int Start, int End)>(); // under a lock computed from the argument: one per path
        var lockKeys = new HashSet<int>();
        foreach (var clause in body.ExceptionHandlingClauses.Where(c => c.Flags == ExceptionHandlingClauseOptions.Finally))
        {
            var releases = Enumerable.Range(0, il.Count)
                .Where(i => il[i].Offset >= clause.HandlerOffset && il[i].Offset < clause.HandlerOffset + clause.HandlerLength)
                .Any(i => CalleeAt(i) is { } callee && IsRelease(callee));
            if (!releases)
            {
                continue;
            }
            var enter = Enumerable.Range(0, il.Count)
                .Where(i => il[i].Offset >= clause.TryOffset - 32 && il[i].Offset <= clause.TryOffset + 12)
                .Select(i => (Index: i, Callee: CalleeAt(i)))
                .LastOrDefault(c => c.Callee is { } callee && IsAcquire(callee));
            if (enter.Callee is null)
            {
                continue;
            }
            var lockObject = LockObject(code, enter.Index, enter.Callee, method, out var lockKey);
            var region = (clause.TryOffset, clause.TryOffset + clause.TryLength);
            if (lockObject is null && IsReadLock(enter.Callee) && !reader)
            {
                lockProblems.Add($"Record changes the count under a read lock ({enter.Callee.Name}): a ReaderWriterLockSlim lets any number of threads " +
                    "hold its read lock at once, so it excludes no other Record, and two requests that read the same count both write count + 1. " +
                    "A change takes the write lock: EnterWriteLock() in Record, ExitWriteLock() in its finally; the read lock is for Count.");
            }
            else if (lockObject is null || lockObject == PerArgumentLock)
            {
                guardedRegions.Add(region);
                (IsUpgradeableLock(enter.Callee) ? upgradeableRegions : writeLockedRegions).Add(region);
                if (lockObject == PerArgumentLock)
                {
                    perArgumentRegions.Add(region);
                    lockKeys.Add(lockKey); // the call that picks the path's lock object (_locks.GetOrAdd(path, …)) reads no count
                }
            }
            else
            {
                lockProblems.Add(lockObject);
            }
        }
        bool IsGuarded(int i) => guarded || guardedRegions.Any(r => il[i].Offset >= r.Start && il[i].Offset < r.End);
        var hasLoop = il.Any(i => i.Target >= 0 && i.Target <= i.Offset);

        var fieldsRead = new Dictionary<FieldInfo, bool>(); // unguarded reads, with whether one was volatile
        var gettersCalled = new HashSet<string>(StringComparer.Ordinal);
        string? concurrentRead = null;
        string? dictionaryRead = null; // an unguarded read of any dictionary: a write under a lock after it still races
        for (var i = 0; i < il.Count; i++)
        {
            var op = il[i].OpCode;
            if (op == OpCodes.Ldfld || op == OpCodes.Ldsfld)
            {
                if (!IsGuarded(i) && FieldAt(i) is { } field && !IsCompilerGenerated(field))
                {
                    fieldsRead[field] = fieldsRead.GetValueOrDefault(field) || il[i].Volatile || IsVolatile(field);
                }
                continue;
            }
            if (op == OpCodes.Stfld || op == OpCodes.Stsfld)
            {
                if (IsGuarded(i) && FieldAt(i) is { } written && !IsCompilerGenerated(written) && fieldsRead.ContainsKey(written))
                {
                    races.Add(ReadOutsideTheLock($"the field {written.Name}"));
                }
                else if (!IsGuarded(i) && FieldAt(i) is { } field && !IsCompilerGenerated(field) && fieldsRead.TryGetValue(field, out var wasVolatile))
                {
                    races.Add(wasVolatile || il[i].Volatile || IsVolatile(field)
                        ? $"Record reads the volatile field {field.Name} and writes it back ({field.Name}++ or {field.Name} = {field.Name} + 1). volatile makes each read " +
                          "and each write visible to other threads, but it does not make the read, add, write one step: two requests still read the same value, " +
                          "both write value + 1, and a view is lost. Use Interlocked.Increment(ref …), ConcurrentDictionary.AddOrUpdate, or a lock on a shared field."
                        : $"Record reads the field {field.Name} and writes it back ({field.Name}++ or {field.Name} = {field.Name} + 1): three steps, read, add, write. " +
                          "Two requests that read the same value both write value + 1, and a view is lost. Make it one atomic step: Interlocked.Increment(ref …), " +
                          "ConcurrentDictionary.AddOrUpdate, or a lock on a shared field around the read and the write.");
                }
                continue;
            }
            if (op != OpCodes.Call && op != OpCodes.Callvirt && op != OpCodes.Newobj && op != OpCodes.Ldftn && op != OpCodes.Ldvirtftn)
            {
                continue;
            }
            if (CalleeAt(i) is not { } callee || lockKeys.Contains(i))
            {
                continue;
            }
            if (callee.Module.Assembly == own && callee.GetMethodBody() is not null)
            {
                queue.Enqueue((callee, IsGuarded(i)));
                if (callee.Name.StartsWith("get_", StringComparison.Ordinal) && !IsGuarded(i))
                {
                    gettersCalled.Add(callee.DeclaringType + "." + callee.Name[4..]);
                }
                else if (callee.Name.StartsWith("set_", StringComparison.Ordinal) && !IsGuarded(i) && gettersCalled.Contains(callee.DeclaringType + "." + callee.Name[4..]))
                {
                    races.Add($"Record reads the property {callee.Name[4..]} and sets it back ({callee.Name[4..]}++ or {callee.Name[4..]} = {callee.Name[4..]} + 1): three steps, " +
                        "read, add, write. Two requests that read the same value both write value + 1, and a view is lost. Make it one atomic step: " +
                        "Interlocked.Increment(ref a field), ConcurrentDictionary.AddOrUpdate, or a lock on a shared field.");
                }
                continue;
            }
            if (op == OpCodes.Ldftn || op == OpCodes.Ldvirtftn)
            {
                continue;
            }
            if (reader)
            {
                // An extension method (GetValueOrDefault) takes an interface: the collection is the field loaded just before the call.
                var receiver = IsCollectionExtensions(callee.DeclaringType)
                    ? Enumerable.Range(Math.Max(0, i - 6), i - Math.Max(0, i - 6)).Reverse()
                        .Where(j => il[j].OpCode == OpCodes.Ldfld || il[j].OpCode == OpCodes.Ldsfld).Select(j => FieldAt(j)?.FieldType).FirstOrDefault()
                    : callee.DeclaringType;
                if (!IsGuarded(i) && PlainCollectionRead(callee, receiver) is { } read && !ReadsAPublishedCopy(code, i))
                {
                    races.Add($"Count reads a {read.Collection} ({read.Call}) outside the lock that Record changes it under. {read.Collection} allows reads " +
                        "at once only while nobody writes: a Count that runs during Record's change can see it half done (a wrong count, or an exception). " +
                        "Take the same lock in Count, or use a ConcurrentDictionary, whose reads need no lock.");
                }
                continue;
            }
            if (IsGuarded(i))
            {
                if (!guarded && IsPlainCollectionChange(callee) && !ChangesANewCollection(code, i)
                    && upgradeableRegions.Any(r => il[i].Offset >= r.Start && il[i].Offset < r.End)
                    && !writeLockedRegions.Any(r => il[i].Offset >= r.Start && il[i].Offset < r.End))
                {
                    races.Add("Record changes the collection under the upgradeable read lock only (EnterUpgradeableReadLock): it excludes other writers, " +
                        "but Count's readers hold the read lock at the same time and can see the change half done. Take the write lock for the change: " +
                        "EnterWriteLock() … ExitWriteLock() inside it (or in Record instead).");
                }
                if (!guarded && IsPlainCollectionChange(callee) && !ChangesANewCollection(code, i)
                    && perArgumentRegions.Any(r => il[i].Offset >= r.Start && il[i].Offset < r.End))
                {
                    races.Add("Record locks an object computed from its argument (as lock (string.Intern(path)) does): a lock per path still " +
                        "lets two different paths change the Dictionary at once, and a Dictionary changed by two threads at once corrupts its state " +
                        "(an interned string is also an object any code in the process can lock). Lock one shared object, a readonly field " +
                        "(private readonly Lock _gate = new();), or use ConcurrentDictionary.AddOrUpdate.");
                }
                if (dictionaryRead is not null && callee.Name is "set_Item" or "Add" or "TryAdd" && IsDictionary(callee.DeclaringType))
                {
                    races.Add(ReadOutsideTheLock($"the dictionary's count ({dictionaryRead})"));
                }
                continue;
            }
            if (IsDictionary(callee.DeclaringType) || IsCollectionExtensions(callee.DeclaringType))
            {
                if (callee.Name is "get_Item" or "TryGetValue" or "GetValueOrDefault" or "ContainsKey" or "GetOrAdd")
                {
                    dictionaryRead ??= callee.Name == "get_Item" ? "its indexer" : callee.Name;
                }
            }
            var type = callee.DeclaringType;
            var generic = type is { IsGenericType: true } ? type.GetGenericTypeDefinition() : type;
            if (generic == typeof(ConcurrentDictionary<,>))
            {
                switch (callee.Name)
                {
                    case "get_Item" or "TryGetValue" or "GetOrAdd" or "ContainsKey":
                        concurrentRead ??= callee.Name == "get_Item" ? "its indexer" : callee.Name;
                        break;
                    // TryAdd is an atomic insert-if-absent: retried in a loop (TryGetValue then TryUpdate, else TryAdd) it loses nothing.
                    case "set_Item" or "TryAdd" when concurrentRead is not null && (callee.Name == "set_Item" || !hasLoop):
                        races.Add($"Record reads a ConcurrentDictionary's value ({concurrentRead}) and then writes it ({(callee.Name == "set_Item" ? "the indexer" : callee.Name)}): " +
                            "each call is thread-safe, the pair is not. Two requests that read 5 both write 6, and a view is lost. Use " +
                            "AddOrUpdate(path, 1, (_, count) => count + 1), which retries until its update applies to the value it read.");
                        break;
                    case "TryUpdate" when !hasLoop:
                        races.Add("Record calls ConcurrentDictionary.TryUpdate once: when another request changed the count since it was read, TryUpdate returns " +
                            "false and the view is dropped. Retry in a loop until it succeeds, or use AddOrUpdate(path, 1, (_, count) => count + 1).");
                        break;
                }
            }
            else if (IsCollectionExtensions(type) && callee.Name == "GetValueOrDefault")
            {
                concurrentRead ??= "GetValueOrDefault";
            }
            else if (type == typeof(Interlocked) && callee.Name == "CompareExchange" && !hasLoop)
            {
                races.Add("Record calls Interlocked.CompareExchange once: when another request changed the value since it was read, the exchange does not " +
                    "happen and the view is dropped. Retry in a loop until it succeeds, or use Interlocked.Increment(ref …).");
            }
            else if (type == typeof(Interlocked) && callee.Name == "Exchange" && ReadsTheTargetFirst(il, i, FieldAt))
            {
                races.Add("Record reads the count and then writes value + 1 with Interlocked.Exchange: the write is atomic, the read before it is not " +
                    "part of it, so two requests that read the same value both store value + 1. Use Interlocked.Increment(ref …), one step.");
            }
            else if (type == typeof(Volatile) && callee.Name == "Write" && Enumerable.Range(0, i).Any(j => il[j].OpCode == OpCodes.Call && CalleeAt(j) is { Name: "Read" } r && r.DeclaringType == typeof(Volatile)))
            {
                races.Add("Record reads the count with Volatile.Read and writes it back with Volatile.Write: each is visible to other threads, but the read, " +
                    "add, write are still three steps, and two requests that read the same value lose a view. Use Interlocked.Increment(ref …).");
            }
            else if (IsPlainCollectionChange(callee) && !ChangesANewCollection(code, i))
            {
                type = IsCollectionExtensions(type) ? callee.GetParameters()[0].ParameterType : type;
                var collection = type is { IsGenericType: true }
                    ? $"{type.Name[..type.Name.IndexOf('`', StringComparison.Ordinal)]}<{string.Join(", ", type.GetGenericTypeDefinition().GetGenericArguments().Select(a => a.Name))}>"
                    : type?.Name ?? callee.Name;
                races.Add(callee.DeclaringType == typeof(System.Runtime.InteropServices.CollectionsMarshal)
                    ? $"Record calls CollectionsMarshal.{callee.Name} outside a lock on a shared object: even when the increment through the ref is " +
                      "atomic (Interlocked.Increment), the insert of a new path is not synchronised, and two requests that add paths at once change the " +
                      "Dictionary together and can corrupt it. Use ConcurrentDictionary.AddOrUpdate, or a lock on a shared field around the whole update."
                    : $"Record changes a {collection} ({(callee.Name == "set_Item" ? "its indexer" : callee.Name)}) outside a lock on a shared object. " +
                      $"{collection} is not thread-safe: two requests that both read 5 (or both miss with TryGetValue) write the same count, and two changes " +
                      "at once can corrupt it. Use ConcurrentDictionary.AddOrUpdate, or a lock on a shared field around the read and the write.");
            }
        }
    }

    /// <summary>
    /// Whether the collection that the call at <paramref name="call"/> reads is a copy-on-write field's current value
    /// (<see cref="IsCopyOnWrite"/>): a reference read without a lock (plainly or with Volatile.Read) to a collection that
    /// nobody changes once it is published, so a reader sees the old one or the new one, never one half changed.
    /// </summary>
    private static bool ReadsAPublishedCopy(AnswerIl code, int call) =>
        FieldHolding(code, code.ArgumentSource(call, 0)) is { } field && IsCopyOnWrite(field);

    /// <summary>
    /// Whether <paramref name="field"/> holds collections that are swapped, never changed: a field that is not readonly,
    /// written (outside the constructors) by an assignment, Interlocked.Exchange/CompareExchange or Volatile.Write,
    /// while no method of its class changes the collection it holds in place (each change goes to a new copy). A change
    /// whose collection the IL cannot trace counts as one in place.
    /// </summary>
    private static bool IsCopyOnWrite(FieldInfo field)
    {
        if (field.IsInitOnly || field.DeclaringType is not { } type)
        {
            return false;
        }
        var swapped = false;
        foreach (var method in MethodsOf(type))
        {
            var code = AnswerIl.Of(method);
            swapped |= code.FieldAccesses().Any(a => a.Field == field && (code.Instructions[a.Index].OpCode == OpCodes.Stfld || code.Instructions[a.Index].OpCode == OpCodes.Stsfld));
            foreach (var (at, callee) in code.Calls().Where(c => AnswerIl.IsCall(code.Instructions[c.Index].OpCode)))
            {
                if ((callee.DeclaringType == typeof(Interlocked) && callee.Name is "Exchange" or "CompareExchange") || (callee.DeclaringType == typeof(Volatile) && callee.Name == "Write"))
                {
                    swapped |= FieldAddressed(code, code.ArgumentSource(at, 0)) == field;
                }
                else if (IsPlainCollectionChange(callee) && code.ArgumentSource(at, 0) is var target && (target < 0 || FieldHolding(code, target) == field))
                {
                    return false;
                }
            }
        }
        return swapped;
    }

    /// <summary>The methods of <paramref name="type"/> and of its nested types (lambdas, local functions), constructors aside.</summary>
    private static IEnumerable<MethodInfo> MethodsOf(Type type) =>
        type.GetMethods(BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Instance | BindingFlags.Static | BindingFlags.DeclaredOnly)
            .Concat(type.GetNestedTypes(BindingFlags.Public | BindingFlags.NonPublic).SelectMany(MethodsOf));

    /// <summary>The field whose value the instruction at <paramref name="source"/> loads: ldfld or ldsfld, or Volatile.Read(ref field); else null.</summary>
    private static FieldInfo? FieldHolding(AnswerIl code, int source)
    {
        if (source < 0)
        {
            return null;
        }
        var op = code.Instructions[source].OpCode;
        return op == OpCodes.Ldfld || op == OpCodes.Ldsfld ? code.FieldAt(source)
            : op == OpCodes.Call && code.MethodAt(source) is { Name: "Read" } read && read.DeclaringType == typeof(Volatile) ? FieldAddressed(code, code.ArgumentSource(source, 0))
            : null;
    }

    /// <summary>The field whose address the instruction at <paramref name="source"/> loads (ldflda, ldsflda), or null.</summary>
    private static FieldInfo? FieldAddressed(AnswerIl code, int source) =>
        source >= 0 && code.Instructions[source].OpCode is var op && (op == OpCodes.Ldflda || op == OpCodes.Ldsflda) ? code.FieldAt(source) : null;

    /// <summary>Whether the collection that the call at <paramref name="call"/> changes was created just before (new Dictionary&lt;…&gt;(current)): a copy no other thread sees yet.</summary>
    private static bool ChangesANewCollection(AnswerIl code, int call) =>
        code.ArgumentSource(call, 0) is var source && source >= 0 && code.Instructions[source].OpCode == OpCodes.Newobj;

    private static string ReadOutsideTheLock(string what) =>
        $"Record reads {what} before it takes the lock, and writes it inside: two requests can both read the same count before either " +
        "locks, and both write count + 1. The lock must cover the read, the add and the write.";

    private static bool IsDictionary(Type? type) =>
        type is { IsGenericType: true } && type.GetGenericTypeDefinition() is var generic
        && (generic == typeof(Dictionary<,>) || generic == typeof(ConcurrentDictionary<,>) || generic == typeof(IDictionary<,>)
            || generic == typeof(IReadOnlyDictionary<,>) || generic == typeof(SortedDictionary<,>));

    private static bool IsAcquire(MethodBase m) =>
        (m.DeclaringType == typeof(Monitor) && m.Name is "Enter" or "TryEnter")
        || (m.DeclaringType == typeof(Lock) && m.Name is "Enter" or "EnterScope" or "TryEnter")
        || (m.DeclaringType == typeof(SemaphoreSlim) && m.Name == "Wait")
        || (m.DeclaringType == typeof(ReaderWriterLockSlim) && m.Name is "EnterWriteLock" or "TryEnterWriteLock"
            or "EnterReadLock" or "TryEnterReadLock" or "EnterUpgradeableReadLock" or "TryEnterUpgradeableReadLock")
        || (m.DeclaringType == typeof(SpinLock) && m.Name == "Enter");

    // A ReaderWriterLockSlim's shared mode: guards a reader, never a writer.
    private static bool IsReadLock(MethodBase m) =>
        m.DeclaringType == typeof(ReaderWriterLockSlim) && m.Name is "EnterReadLock" or "TryEnterReadLock";

    private static bool IsUpgradeableLock(MethodBase m) =>
        m.DeclaringType == typeof(ReaderWriterLockSlim) && m.Name is "EnterUpgradeableReadLock" or "TryEnterUpgradeableReadLock";

    private static bool IsRelease(MethodBase m) =>
        (m.DeclaringType == typeof(Monitor) && m.Name == "Exit")
        || (m.DeclaringType == typeof(Lock) && m.Name == "Exit")
        || (m.DeclaringType == typeof(Lock.Scope) && m.Name == "Dispose")
        || (m.DeclaringType == typeof(SemaphoreSlim) && m.Name == "Release")
        || (m.DeclaringType == typeof(ReaderWriterLockSlim) && m.Name is "ExitWriteLock" or "ExitReadLock" or "ExitUpgradeableReadLock")
        || (m.DeclaringType == typeof(SpinLock) && m.Name == "Exit");

    /// <summary>Null when the lock is taken on an object every call shares (a field, <c>this</c>, a type, a string literal, or one the IL cannot tell); else what is wrong with it.</summary>
    private static string? LockObject(AnswerIl code, int enter, MethodBase acquire, MethodBase method, out int keySource)
    {
        keySource = -1;
        var il = code.Instructions;
        MethodBase? calleeAt(int i) => code.MethodAt(i);
        FieldInfo? fieldAt(int i) => code.FieldAt(i);
        // The lock object is loaded first: the instance (Lock.EnterScope()), or Monitor.Enter's first argument; the others follow it.
        var parameters = acquire.GetParameters().Length;
        var skip = acquire.IsStatic ? Math.Max(parameters - 1, 0) : parameters;
        if (acquire.DeclaringType == typeof(SpinLock) || (acquire.DeclaringType == typeof(SemaphoreSlim) && acquire.GetParameters().Length > 0))
        {
            return null; // a SpinLock is a struct loaded by address; a Wait with a timeout: the IL cannot tell, so trust it
        }
        var source = Previous(il, enter, 1 + skip);
        for (var hops = 0; source >= 0 && hops < 8; hops++)
        {
            var op = il[source].OpCode;
            if (AnswerIl.LocalLoaded(il[source]) is { } local)
            {
                var store = Enumerable.Range(0, source).LastOrDefault(i => AnswerIl.LocalStored(il[i]) == local, -1);
                source = store < 0 ? -1 : Previous(il, store, 1);
                continue;
            }
            if (op == OpCodes.Dup)
            {
                source = Previous(il, source, 1);
                continue;
            }
            if (op == OpCodes.Newobj)
            {
                return "Record locks a new object on every call: each request holds a lock of its own, so the lock excludes nobody and the count " +
                    "inside it still races. Lock one object that every call shares: a field, private readonly Lock _gate = new(); then lock (_gate) { … }.";
            }
            if ((op == OpCodes.Ldfld || op == OpCodes.Ldsfld) && fieldAt(source) is { } field)
            {
                var renewed = Enumerable.Range(0, il.Count).Any(i => (il[i].OpCode == OpCodes.Stfld || il[i].OpCode == OpCodes.Stsfld)
                    && fieldAt(i) == field && Previous(il, i, 1) is var p && p >= 0 && il[p].OpCode == OpCodes.Newobj);
                return renewed
                    ? $"Record puts a new object in {field.Name} before it locks it: each request locks an object of its own, so the lock excludes nobody. " +
                      "Create the lock object once (a readonly field initialised where it is declared) and only lock it in Record."
                    : null;
            }
            if (op == OpCodes.Ldarg_0 && !method.IsStatic)
            {
                return null; // lock (this): the singleton itself
            }
            if (AnswerIl.ArgumentLoaded(il[source]) is not null)
            {
                return "Record locks its argument (lock (path)): every request brings its own string, even for the same path, so the lock excludes " +
                    "nobody. Lock one object that every call shares: a field, private readonly Lock _gate = new(); then lock (_gate) { … }.";
            }
            if ((op == OpCodes.Call || op == OpCodes.Callvirt || op == OpCodes.Box || op == OpCodes.Castclass) && ComputedFromArgument(code, source, method, 0))
            {
                keySource = source;
                return PerArgumentLock;
            }
            if ((op == OpCodes.Call || op == OpCodes.Callvirt) && calleeAt(source) is MethodInfo getter && getter.Module == method.Module
                && AnswerIl.Of(getter).Instructions is var g && g.Count >= 2
                && g[^1].OpCode == OpCodes.Ret && g[^2].OpCode == OpCodes.Newobj)
            {
                return $"Record locks what {getter.Name.Replace("get_", "", StringComparison.Ordinal)} returns, a new object on every call: each request holds a lock of its own, so " +
                    "the lock excludes nobody. Lock one object that every call shares: a readonly field, private readonly Lock _gate = new();.";
            }
            return null;
        }
        return null;
    }

    /// <summary>
    /// What <see cref="LockObject"/> returns for a lock on an object computed from the method's argument
    /// (<c>lock (string.Intern(path))</c>, <c>lock (_locks.GetOrAdd(path, …))</c>): one lock per path, which guards a
    /// read-then-write of a thread-safe collection but not a change to a plain one, where two paths insert at once.
    /// </summary>
    private const string PerArgumentLock = "(a lock per argument)";

    /// <summary>Whether the value made at <paramref name="source"/> is computed from one of <paramref name="method"/>'s arguments (not <c>this</c>).</summary>
    private static bool ComputedFromArgument(AnswerIl code, int source, MethodBase method, int depth)
    {
        if (source < 0 || depth > 4)
        {
            return false;
        }
        var instruction = code.Instructions[source];
        if (AnswerIl.ArgumentLoaded(instruction) is { } argument)
        {
            return method.IsStatic || argument != 0;
        }
        var op = instruction.OpCode;
        if (op == OpCodes.Box || op == OpCodes.Castclass)
        {
            return ComputedFromArgument(code, code.Source(code.Producer(source, 0)), method, depth + 1);
        }
        if ((op == OpCodes.Call || op == OpCodes.Callvirt) && code.MethodAt(source) is { } callee)
        {
            var count = callee.GetParameters().Length + (callee.IsStatic ? 0 : 1);
            var sources = Enumerable.Range(0, count).Select(k => code.ArgumentSource(source, k)).ToList();
            return sources.Any(s => ComputedFromArgument(code, s, method, depth + 1))
                || (sources.Contains(-1) && LoadsAnArgumentInItsStatement(code, source, method));
        }
        return false;
    }

    /// <summary>
    /// For a call whose arguments the stack walk cannot trace (a cached lambda's branch, as in
    /// <c>_locks.GetOrAdd(path, _ =&gt; new object())</c>): whether an argument of <paramref name="method"/> other than
    /// <c>this</c> is loaded between the end of the previous statement (a store, a return, a void call) and the call.
    /// </summary>
    private static bool LoadsAnArgumentInItsStatement(AnswerIl code, int call, MethodBase method)
    {
        var il = code.Instructions;
        for (var i = call - 1; i >= 0 && i >= call - 24; i--)
        {
            var op = il[i].OpCode;
            if (AnswerIl.LocalStored(il[i]) is not null || op == OpCodes.Stfld || op == OpCodes.Ret
                || (AnswerIl.IsCall(op) && code.MethodAt(i) is MethodInfo { ReturnType: var returns } && returns == typeof(void)))
            {
                return false;
            }
            if (AnswerIl.ArgumentLoaded(il[i]) is { } argument && (method.IsStatic || argument != 0))
            {
                return true;
            }
        }
        return false;
    }

    // Whether the field whose address Interlocked.Exchange takes was read (ldfld) before the exchange, after its address was loaded.
    private static bool ReadsTheTargetFirst(IReadOnlyList<AnswerIl.Instruction> il, int exchange, Func<int, FieldInfo?> fieldAt)
    {
        var address = Enumerable.Range(0, exchange).LastOrDefault(i => il[i].OpCode == OpCodes.Ldflda || il[i].OpCode == OpCodes.Ldsflda, -1);
        if (address < 0 || fieldAt(address) is not { } target)
        {
            return false;
        }
        return Enumerable.Range(address + 1, exchange - address - 1)
            .Any(i => (il[i].OpCode == OpCodes.Ldfld || il[i].OpCode == OpCodes.Ldsfld) && fieldAt(i) == target);
    }

    // System.Collections.Generic.CollectionExtensions (GetValueOrDefault, TryAdd, … on dictionaries); by name, as another assembly has one too.
    private static bool IsCollectionExtensions(Type? type) => type?.FullName == "System.Collections.Generic.CollectionExtensions";

    // A call that reads a collection of System.Collections.Generic (not thread-safe), with the collection's name and the call's.
    private static (string Collection, string Call)? PlainCollectionRead(MethodBase callee, Type? type)
    {
        if (type is not { Namespace: "System.Collections.Generic" } || callee.Name is "GetEnumerator" or ".ctor")
        {
            return null;
        }
        var generic = type.IsGenericType ? type.GetGenericTypeDefinition() : type;
        if (generic != typeof(Dictionary<,>) && generic != typeof(SortedDictionary<,>) && generic != typeof(List<>) && generic != typeof(HashSet<>))
        {
            return null; // an interface (IDictionary<,>, IReadOnlyDictionary<,>) may be a ConcurrentDictionary: the IL cannot tell
        }
        var name = generic.IsGenericType
            ? $"{generic.Name[..generic.Name.IndexOf('`', StringComparison.Ordinal)]}<{string.Join(", ", generic.GetGenericArguments().Select(a => a.Name))}>"
            : generic.Name;
        return (name, callee.Name == "get_Item" ? "its indexer" : callee.Name);
    }

    private static bool IsPlainCollectionChange(MethodBase callee)
    {
        if (callee.DeclaringType == typeof(System.Runtime.InteropServices.CollectionsMarshal))
        {
            return callee.Name is "GetValueRefOrAddDefault" or "GetValueRefOrNullRef";
        }
        return callee.DeclaringType is { Namespace: "System.Collections.Generic" or "System.Collections" }
            && callee.Name is "set_Item" or "Add" or "TryAdd" or "Remove" or "Clear" or "Insert" or "Enqueue" or "Push" or "Dequeue" or "Pop" or "AddFirst" or "AddLast";
    }

    // A lambda cache or a closure's captured variable: the compiler's, not the learner's state (names like <>9__0_0).
    private static bool IsCompilerGenerated(FieldInfo field) =>
        field.Name.StartsWith('<') || field.DeclaringType?.Name.StartsWith('<') == true;

    private static bool IsVolatile(FieldInfo field) => field.GetRequiredCustomModifiers().Contains(typeof(IsVolatile));

    // The index of the instruction `count` real instructions before `index`, skipping nop; -1 when there is none.
    private static int Previous(IReadOnlyList<AnswerIl.Instruction> il, int index, int count)
    {
        var i = index;
        while (count > 0 && --i >= 0)
        {
            if (il[i].OpCode != OpCodes.Nop)
            {
                count--;
            }
        }
        return i;
    }
}
