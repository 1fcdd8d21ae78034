using System.Reflection;

namespace MojibakeFix.Tests;

/// <summary>
/// The public API as a snapshot (PublicApi.approved.txt): an accidental break or addition fails here. After a
/// deliberate change, copy the written PublicApi.received.txt over the approved file.
/// </summary>
public class PublicApiTests
{
    private static IEnumerable<string> Describe(Assembly assembly)
    {
        foreach (Type type in assembly.GetExportedTypes().OrderBy(t => t.FullName, StringComparer.Ordinal))
        {
            yield return $"type {type.FullName}";
            const BindingFlags flags = BindingFlags.Public | BindingFlags.Instance | BindingFlags.Static | BindingFlags.DeclaredOnly;
            foreach (string member in type.GetMembers(flags)
                .Where(m => m is not MethodInfo { IsSpecialName: true } && m.DeclaringType == type)
                .Select(m => m switch
                {
                    MethodInfo mi => $"  {(mi.IsStatic ? "static " : "")}{mi.ReturnType.Name} {mi.Name}({string.Join(", ", mi.GetParameters().Select(p => p.ParameterType.Name))})",
                    ConstructorInfo ci => $"  ctor({string.Join(", ", ci.GetParameters().Select(p => p.ParameterType.Name))})",
                    PropertyInfo pi => $"  property {pi.PropertyType.Name} {pi.Name}",
                    FieldInfo fi => $"  field {fi.FieldType.Name} {fi.Name}",
                    _ => $"  {m.MemberType} {m.Name}",
                })
                .Order(StringComparer.Ordinal))
            {
                yield return member;
            }
        }
    }

    [Fact]
    public void Public_api_matches_the_approved_snapshot()
    {
        string[] actual = [.. Describe(typeof(Mojibake).Assembly)];
        string dir = Path.Combine(AppContext.BaseDirectory, "..", "..", "..");
        string approved = Path.Combine(dir, "PublicApi.approved.txt");
        string received = Path.Combine(dir, "PublicApi.received.txt");
        string[] expected = File.Exists(approved) ? File.ReadAllLines(approved) : [];
        if (!expected.SequenceEqual(actual))
        {
            File.WriteAllLines(received, actual);
        }

        Assert.Equal(expected, actual);
    }
}
