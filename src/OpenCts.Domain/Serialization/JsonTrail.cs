using System.Globalization;
using System.Text;

namespace OpenCts.Domain.Serialization;

/// <summary>Where a reader is in a JSON document: the fields and list items it went into, spelt out as a path such as
/// <c>consignments[3].goods[1].hsCode</c> only when an error or a finding names the place.</summary>
/// <remarks>
/// Reading a consignment goes into some thirty objects and list items. Building each one's path as a string, for the
/// rare value that is wrong, was about 290 MB of garbage for 100,000 consignments, a tenth of what the bulk path
/// allocated. A trail is a stack of steps: a reader enters a field or an item, reads it, and goes back to the depth it
/// had. A reader that fails leaves the trail where the fault was and is not used again.
/// </remarks>
public sealed class JsonTrail
{
    private readonly record struct Step(string? Name, int Index);

    private Step[] _steps = new Step[16];

    /// <summary>A trail whose paths start with <paramref name="root"/> (the path of the object read, or empty).</summary>
    public JsonTrail(string root = "")
    {
        Root = root;
    }

    public string Root { get; private set; }

    /// <summary>How many steps deep the reader is.</summary>
    public int Depth { get; private set; }

    /// <summary>Starts again at <paramref name="root"/>, as a new trail would.</summary>
    public void Restart(string root)
    {
        Root = root;
        Depth = 0;
    }

    /// <summary>Goes into the field <paramref name="name"/> of the object at <paramref name="depth"/>.</summary>
    public void Enter(int depth, string name) => Push(depth, new Step(name, -1));

    /// <summary>Goes into item <paramref name="index"/> of the list at <paramref name="depth"/>.</summary>
    public void EnterItem(int depth, int index) => Push(depth, new Step(null, index));

    /// <summary>Goes back to <paramref name="depth"/>, once what was entered below it is read.</summary>
    public void Leave(int depth) => Depth = depth;

    /// <summary>The path of the first <paramref name="depth"/> steps.</summary>
    public string Spell(int depth)
    {
        if (depth == 0)
        {
            return Root;
        }
        var path = new StringBuilder(Root, Root.Length + 16 * depth);
        for (var i = 0; i < depth; i++)
        {
            var step = _steps[i];
            if (step.Name is null)
            {
                path.Append('[').Append(step.Index.ToString(CultureInfo.InvariantCulture)).Append(']');
            }
            else
            {
                if (path.Length > 0)
                {
                    path.Append('.');
                }
                path.Append(step.Name);
            }
        }
        return path.ToString();
    }

    /// <summary>The path of the field <paramref name="name"/> of the object at <paramref name="depth"/>.</summary>
    public string At(int depth, string name)
    {
        var path = Spell(depth);
        return path.Length == 0 ? name : $"{path}.{name}";
    }

    private void Push(int depth, Step step)
    {
        if (depth >= _steps.Length)
        {
            Array.Resize(ref _steps, _steps.Length * 2);
        }
        _steps[depth] = step;
        Depth = depth + 1;
    }
}
