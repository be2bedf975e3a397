using System.Text;

namespace FakeRooms.Bench;

/// <summary>One line of the results table. Comparison columns stay empty where there is nothing to compare.</summary>
internal sealed record Row(
    string Measurement,
    string Fake,
    string Stub = "",
    string AspNet = "",
    string VsStub = "",
    string VsAspNet = "",
    string Target = "",
    bool? Pass = null,
    string Note = "");

/// <summary>The one table the benchmark prints (Markdown, so the README can quote it as is).</summary>
internal sealed class Report
{
    private readonly List<(string Section, Row Row)> _rows = [];
    private string _section = "";

    public void Section(string name) => _section = name;

    public void Add(Row row) => _rows.Add((_section, row));

    public int Targets => _rows.Count(r => r.Row.Pass is not null);

    public int Passed => _rows.Count(r => r.Row.Pass == true);

    public string Render()
    {
        var header = new[] { "#", "Measurement", "FakeRooms", "WireMock stub (defaults)", "ASP.NET Core minimal API", "Fake / stub", "Fake / ASP.NET", "Target", "Result" };
        var lines = new List<string[]>();
        foreach (var (section, row) in _rows)
            lines.Add([
                section, row.Measurement + (row.Note.Length > 0 ? " (" + row.Note + ")" : ""), row.Fake, row.Stub, row.AspNet,
                row.VsStub, row.VsAspNet, row.Target, row.Pass is null ? "" : row.Pass.Value ? "PASS" : "FAIL",
            ]);
        // Columns that are empty in every row are left out.
        var keep = Enumerable.Range(0, header.Length).Where(c => c < 3 || lines.Any(l => l[c].Length > 0)).ToArray();
        var widths = keep.Select(c => Math.Max(header[c].Length, lines.Count == 0 ? 0 : lines.Max(l => l[c].Length))).ToArray();
        var text = new StringBuilder();
        void Line(string[] cells) =>
            text.Append("| ").Append(string.Join(" | ", keep.Select((c, i) => cells[c].PadRight(widths[i])))).AppendLine(" |");
        Line(header);
        text.Append("|").Append(string.Join("|", widths.Select(w => new string('-', w + 2)))).AppendLine("|");
        foreach (var line in lines)
            Line(line);
        return text.ToString();
    }
}
