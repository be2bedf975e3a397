namespace FakeRooms.Domain.Tests.Architecture;

/// <summary>
/// STYLE.md habit 6 and issue 15: no class grows past about 400 lines, partial files counted together; a bigger one is
/// split by resource. Counts the lines of every type declaration in src/ (keyword to closing brace, every partial
/// declaration added up) and names each type over the limit.
/// </summary>
public sealed class TypeSizeTests
{
    private const int MaxLines = 400;

    // Types allowed over the limit, each with its reason. Empty: every type fits.
    private static readonly HashSet<string> Splitting = new(StringComparer.Ordinal);

    [Test]
    public void No_type_in_src_is_over_400_lines_partials_counted_together()
    {
        var src = Path.Combine(RepositoryRoot(), "src");
        var files = Directory.EnumerateFiles(src, "*.cs", SearchOption.AllDirectories)
            .Where(path => !path.Split(Path.DirectorySeparatorChar).Any(part => part is "obj" or "bin"))
            .Select(path => (path, File.ReadAllText(path)))
            .ToList();

        var sizes = TypeSizeScanner.Measure(files);

        files.Should().HaveCountGreaterThan(100, "the scan reads the source tree");
        sizes.Should().ContainKey("FakeRooms.Domain.Rooms.RoomStore", "the scan finds the types");
        var over = sizes.Where(s => s.Value > MaxLines && !Splitting.Contains(s.Key))
            .OrderByDescending(s => s.Value)
            .Select(s => $"{s.Key}: {s.Value} lines")
            .ToList();
        over.Should().BeEmpty("no type may grow past {0} lines (partial files counted together), split it by resource: {1}",
            MaxLines, string.Join("; ", over));
    }

    [Test]
    public void Partial_declarations_add_up_and_strings_comments_and_lookalikes_do_not_count()
    {
        const string first = """
            using System;

            namespace Sample;

            /// <summary>A class { with braces in its docs.</summary>
            internal sealed partial class Store
            {
                private const string Text = "} not the end";
                private const char Brace = '}';
                private string Verbatim => @"a ""}"" b";
                private string Interpolated(int n) => $"{(n > 0 ? "}" : "{")} {{ }}";
                public object Copy(Item record) => record with { Name = "x" };
                public static T Make<T>() where T : class, new() => new();

                private sealed class Nested
                {
                    public int Value;
                }
            }
            """;
        const string second = """
            namespace Sample;

            internal sealed partial class Store
            {
                // } a comment
                /* { another */
                public int Count => 0;
            }

            internal sealed record Item(string Name);

            internal enum Kind { A, B }
            """;

        // As FakeRooms.FluentAssertions does: one source, two namespaces; what a build without symbols compiles counts.
        const string third = """
            #if AWESOME
            namespace Other;
            #else
            namespace Sample;
            #endif

            internal sealed partial class Store
            #if AWESOME
                : IDisposable
            #else
                : ICloneable
            #endif
            {
                public void Dispose() { }
            }
            """;

        var sizes = TypeSizeScanner.Measure([("a.cs", first), ("b.cs", second), ("c.cs", third)]);

        sizes.Should().BeEquivalentTo(new Dictionary<string, int>
        {
            ["Sample.Store"] = 14 + 6 + 9,
            ["Sample.Store.Nested"] = 4,
            ["Sample.Item"] = 1,
            ["Sample.Kind"] = 1,
        });
    }

    private static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "FakeRooms.sln")))
                return dir.FullName;
        throw new InvalidOperationException("FakeRooms.sln not found above " + AppContext.BaseDirectory);
    }
}
