using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text;
using System.Threading;

namespace Mshv.Abi;

/// <summary>
/// Reads the text written by <see cref="AbiModelWriter"/>. Every error names the line, so a
/// hand-edited or truncated model is reported where it is wrong instead of producing a wrong layout.
/// </summary>
public static partial class AbiModelReader
{
    public static AbiModel Read(string text, string fileName) => Read(text, fileName, CancellationToken.None);

    /// <inheritdoc cref="Read(string, string)"/>
    public static AbiModel Read(string text, string fileName, CancellationToken cancellationToken)
    {
        var state = new State(fileName);
        string[] lines = text.Replace("\r\n", "\n").Split('\n');
        for (int i = 0; i < lines.Length; i++)
        {
            if ((i & 255) == 0)
            {
                cancellationToken.ThrowIfCancellationRequested();
            }

            state.LineNumber = i + 1;
            string line = lines[i];
            if (line.Trim().Length == 0 || line.TrimStart().StartsWith("#", StringComparison.Ordinal))
            {
                continue;
            }

            state.CheckAfterEnd();
            bool indented = line.StartsWith("  ", StringComparison.Ordinal);
            var words = Tokenize(line.Trim(), state);
            if (indented)
            {
                state.ReadMember(words);
            }
            else
            {
                state.Flush();
                state.ReadEntity(words);
            }
        }

        state.Flush();
        state.CheckEnd(lines);
        return state.Build();
    }

    private sealed class Line
    {
        private readonly State _state;

        public Line(string keyword, string? name, Dictionary<string, string> attributes, HashSet<string> flags, State state)
        {
            Keyword = keyword;
            Name = name;
            Attributes = attributes;
            Flags = flags;
            _state = state;
        }

        public string Keyword { get; }

        public string? Name { get; }

        public Dictionary<string, string> Attributes { get; }

        public HashSet<string> Flags { get; }

        public string RequiredName => Name ?? throw _state.Error("'" + Keyword + "' needs a name");

        public string Required(string key) =>
            Attributes.TryGetValue(key, out string? value) ? value : throw _state.Error("'" + Keyword + "' needs " + key + "=");

        public string? Optional(string key) => Attributes.TryGetValue(key, out string? value) ? value : null;

        public long Long(string key) =>
            long.TryParse(Required(key), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out long value)
                ? value
                : throw _state.Error(key + "= is not an integer");

        public ulong Hex(string key)
        {
            string raw = Required(key);
            return raw.StartsWith("0x", StringComparison.Ordinal)
                && ulong.TryParse(raw.Substring(2), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out ulong value)
                ? value
                : throw _state.Error(key + "= is not a 0x-prefixed hexadecimal number");
        }

        /// <summary><c>doc="…"</c>, optional; only in its canonical form (<see cref="AbiDoc.Normalize"/>), so equal docs are equal text.</summary>
        public string? Doc()
        {
            string? doc = Optional("doc");
            return doc is null || AbiDoc.IsCanonical(doc)
                ? doc
                : throw _state.Error("doc= is not in its canonical form (one paragraph a line, single spaces, no control characters, not empty)");
        }

        public SourceLocation Location()
        {
            string raw = Required("at");
            int colon = raw.LastIndexOf(':');
            return colon > 0 && int.TryParse(raw.Substring(colon + 1), NumberStyles.None, CultureInfo.InvariantCulture, out int line)
                ? new SourceLocation(raw.Substring(0, colon), line)
                : throw _state.Error("at= must be file:line");
        }

        public AbiType Type(string key)
        {
            string raw = Required(key);
            int bracket = raw.IndexOf('[');
            string head = bracket < 0 ? raw : raw.Substring(0, bracket);
            var dims = new List<long>();
            while (bracket >= 0)
            {
                int close = raw.IndexOf(']', bracket);
                if (close < 0 || !long.TryParse(raw.Substring(bracket + 1, close - bracket - 1), NumberStyles.None, CultureInfo.InvariantCulture, out long dim))
                {
                    throw _state.Error(key + "= has a malformed array dimension");
                }

                dims.Add(dim);
                bracket = close + 1 < raw.Length ? (raw[close + 1] == '[' ? close + 1 : throw _state.Error(key + "= has text after its dimensions")) : -1;
            }

            string? recordName = null;
            string primitive = head;
            if (head.StartsWith("record:", StringComparison.Ordinal))
            {
                primitive = AbiType.Record;
                recordName = head.Substring("record:".Length);
            }
            else if (AbiPrimitive.SizeOf(head) == 0)
            {
                throw _state.Error(key + "=" + head + " is not a primitive the model knows");
            }

            return new AbiType(primitive, recordName, Optional("enum"), dims.ToEquatableArray());
        }
    }

    private sealed partial class State
    {
        private readonly string _file;
        private readonly List<string> _headers = new();
        private readonly List<AbiRecord> _records = new();
        private readonly List<AbiEnum> _enums = new();
        private readonly List<AbiTypedef> _typedefs = new();
        private readonly List<AbiMacro> _macros = new();
        private readonly List<AbiIoctl> _ioctls = new();
        private readonly List<AbiRequestBuilder> _builders = new();
        private readonly List<AbiField> _fields = new();
        private readonly List<AbiEnumConstant> _constants = new();
        private readonly List<int> _fieldLines = new();
        private readonly List<RecordLines> _recordLines = new();
        private string? _target;
        private EquatableArray<string> _alsoTargets = EquatableArray<string>.Empty;
        private bool _sawVersion;
        private Line? _open;
        private int _openLineNumber;

        public State(string file) => _file = file;

        public int LineNumber { get; set; }

        public AbiFormatException Error(string reason) => new(_file, LineNumber, reason);

        public void ReadEntity(Line line)
        {
            CheckLine(line, member: false);
            switch (line.Keyword)
            {
                case AbiModel.EndMarker:
                    _sawEnd = true;
                    break;
                case "abi":
                    if (line.RequiredName != AbiModel.FormatVersion.ToString(CultureInfo.InvariantCulture))
                    {
                        throw Error("model format " + line.Name + " is not supported (this build reads " + AbiModel.FormatVersion + "); rescan the headers");
                    }

                    _sawVersion = true;
                    break;
                case "target":
                    _target = line.RequiredName;
                    _alsoTargets = ReadAlsoTargets(line.Optional("also"), _target);
                    break;
                case "header":
                    _headers.Add(line.RequiredName);
                    break;
                case "struct":
                case "union":
                case "enum":
                    _memberNames.Clear();
                    _open = line;
                    _openLineNumber = LineNumber;
                    break;
                case "typedef":
                    _typedefs.Add(new AbiTypedef(line.RequiredName, line.Type("type"), line.Required("c"), line.Location()) { Doc = line.Doc() });
                    break;
                case "macro":
                    _macros.Add(new AbiMacro(line.RequiredName, line.Required("value"), line.Required("type"), line.Required("c"), line.Required("expansion"), line.Location())
                    {
                        Doc = line.Doc(),
                    });
                    break;
                case "ioctl":
                    _ioctlLineNumbers.Add(LineNumber);
                    _ioctls.Add(new AbiIoctl(
                        line.RequiredName,
                        line.Hex("request"),
                        ParseDirection(line.Required("dir")),
                        (uint)line.Hex("type"),
                        (uint)line.Hex("nr"),
                        (uint)line.Long("size"),
                        line.Optional("arg"),
                        line.Optional("argtype") is null ? null : line.Type("argtype"),
                        line.Location())
                    {
                        Kinds = ReadKinds(line.Optional("kinds")),
                        Doc = line.Doc(),
                    });
                    break;
                case "ioctlfn":
                    _builderLineNumbers.Add(LineNumber);
                    _builders.Add(AbiRequestBuilderText.Read(line.RequiredName, line.Required, line.Optional, line.Hex, key => line.Type(key), ParseDirection, line.Location(), line.Doc(), Error));
                    break;
                default:
                    throw Error("unknown entry '" + line.Keyword + "'");
            }
        }

        /// <summary><c>kinds=a,b</c>: lower-case identifiers, each once.</summary>
        private EquatableArray<string> ReadKinds(string? raw)
        {
            if (raw is null)
            {
                return EquatableArray<string>.Empty;
            }

            string[] kinds = raw.Split(',');
            foreach (string kind in kinds)
            {
                if (kind.Length == 0 || !(kind[0] >= 'a' && kind[0] <= 'z') || kind.Any(c => !((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_')))
                {
                    throw Error("kinds= must be lower-case identifiers separated by commas, not '" + raw + "'");
                }
            }

            return kinds.Distinct(StringComparer.Ordinal).OrderBy(k => k, StringComparer.Ordinal).ToEquatableArray();
        }

        public void ReadMember(Line line)
        {
            if (_open is null)
            {
                throw Error("an indented line must follow a struct, union or enum");
            }

            CheckLine(line, member: true);

            if (line.Keyword == "field" && _open.Keyword != "enum")
            {
                string name = line.RequiredName;
                long bit = line.Long("bit");
                AbiType type = line.Type("type");
                int width = line.Optional("width") is null ? -1 : Width(line.Long("width"), type);
                CheckOffset(bit, width);
                _fields.Add(new AbiField(name == "-" ? string.Empty : name, bit, width, type, line.Required("c"), line.Location())
                {
                    IsOpaque = line.Flags.Contains("opaque"),
                    Doc = line.Doc(),
                });
                _fieldLines.Add(LineNumber);
            }
            else if (line.Keyword == "const" && _open.Keyword == "enum")
            {
                _constants.Add(new AbiEnumConstant(line.RequiredName, line.Long("value")) { Doc = line.Doc() });
            }
            else
            {
                throw Error("'" + line.Keyword + "' does not belong inside " + _open.Keyword);
            }
        }

        public void Flush()
        {
            if (_open is null)
            {
                return;
            }

            Line open = _open;
            _open = null;

            // The record or enum is built only now, after its members: errors in its own attributes belong to its line.
            int current = LineNumber;
            LineNumber = _openLineNumber;
            if (open.Keyword == "enum")
            {
                _enums.Add(new AbiEnum(open.RequiredName, open.Flags.Contains("anonymous"), open.Required("underlying"), open.Location(), _constants.ToEquatableArray())
                {
                    Doc = open.Doc(),
                });
            }
            else
            {
                long size = open.Long("size");
                long align = open.Long("align");
                if (size < 0 || size > int.MaxValue)
                {
                    throw Error("size=" + size + " does not fit a C# struct (0.." + int.MaxValue + ")");
                }

                if (align <= 0 || (align & (align - 1)) != 0)
                {
                    throw Error("align=" + align + " is not a power of two");
                }

                // C pads every record to a multiple of its alignment (array elements stay aligned); .NET would round it up.
                if (size % align != 0)
                {
                    throw Error("size=" + size + " is not a multiple of align=" + align + ", which no C record is");
                }

                _recordLines.Add(new RecordLines(_fieldLines.ToArray()));
                _records.Add(new AbiRecord(
                    open.RequiredName,
                    open.Keyword == "union" ? RecordKind.Union : RecordKind.Struct,
                    size,
                    align,
                    open.Flags.Contains("packed"),
                    open.Flags.Contains("anonymous"),
                    open.Location(),
                    _fields.ToEquatableArray())
                {
                    Doc = open.Doc(),
                });
            }

            _fields.Clear();
            _fieldLines.Clear();
            _constants.Clear();
            LineNumber = current;
        }

        public AbiModel Build()
        {
            LineNumber = 1;
            if (!_sawVersion)
            {
                throw Error("not an ABI model: the 'abi " + AbiModel.FormatVersion + "' line is missing");
            }

            CheckExtents();
            CheckModel();

            return new AbiModel(
                _target ?? throw Error("the 'target' line is missing"),
                _headers.ToEquatableArray(),
                _records.ToEquatableArray(),
                _enums.ToEquatableArray(),
                _typedefs.ToEquatableArray(),
                _macros.ToEquatableArray(),
                _ioctls.ToEquatableArray())
            {
                RequestBuilders = _builders.ToEquatableArray(),
                AlsoTargets = _alsoTargets,
            };
        }

        /// <summary><c>also=a,b</c> on the target line: further triples, printable, each once, not the target itself.</summary>
        private EquatableArray<string> ReadAlsoTargets(string? raw, string target)
        {
            if (raw is null)
            {
                return EquatableArray<string>.Empty;
            }

            string[] triples = raw.Split(',');
            if (triples.Any(t => t.Length == 0 || t.Any(IsUnprintable)) || triples.Contains(target) || triples.Distinct(StringComparer.Ordinal).Count() != triples.Length)
            {
                throw Error("also= lists further target triples, each once, separated by commas and other than the target itself, not '" + Visible(raw) + "'");
            }

            return triples.OrderBy(t => t, StringComparer.Ordinal).ToEquatableArray();
        }

        /// <summary>A bitfield's width: only integers and bool have bitfields, and never wider than their type.</summary>
        private int Width(long width, AbiType type)
        {
            if (type.IsArray || !AbiPrimitive.IsInteger(type.Primitive))
            {
                throw Error("width= is only for integer or bool fields, not type=" + type.Primitive + (type.IsArray ? " arrays" : string.Empty));
            }

            int bits = type.Primitive == AbiPrimitive.Bool ? 1 : AbiPrimitive.SizeOf(type.Primitive) * 8;
            if (width < 0 || width > bits)
            {
                throw Error("width=" + width + " does not fit type=" + type.Primitive + " (0.." + bits + " bits)");
            }

            return (int)width;
        }

        /// <summary>Offsets become C# <c>FieldOffset</c>s: whole bytes for non-bitfields, and an <c>int</c>.</summary>
        private void CheckOffset(long bit, int width)
        {
            if (bit < 0 || bit / 8 > int.MaxValue)
            {
                throw Error("bit=" + bit + " is not a byte offset that fits an int");
            }

            if (width < 0 && bit % 8 != 0)
            {
                throw Error("bit=" + bit + " of a field that is not a bitfield is not a multiple of 8");
            }
        }

        /// <summary>
        /// Every field ends inside its record. Runs after everything is read, since a field may use a record
        /// declared later; a record that is not in the model is left to the emitter's own diagnostic.
        /// </summary>
        private void CheckExtents()
        {
            var sizes = new Dictionary<string, long>(StringComparer.Ordinal);
            foreach (AbiRecord record in _records)
            {
                if (!sizes.ContainsKey(record.Name))
                {
                    sizes.Add(record.Name, record.Size);
                }
            }

            for (int r = 0; r < _records.Count; r++)
            {
                AbiRecord record = _records[r];
                for (int f = 0; f < record.Fields.Count; f++)
                {
                    AbiField field = record.Fields[f];
                    LineNumber = _recordLines[r].Fields[f];
                    long? end = field.IsBitfield ? field.BitOffset + field.BitWidth : field.BitOffset + (BitsOf(field.Type, sizes) ?? 0);
                    if (end > record.Size * 8)
                    {
                        throw Error("field " + (field.IsAnonymousMember ? "-" : field.Name) + " ends at bit " + end + ", past the end of " + record.CKeyword + " " + record.Name + " (size=" + record.Size + ", " + (record.Size * 8) + " bits)");
                    }
                }
            }

            LineNumber = 1;
        }

        /// <summary>The bits a non-bitfield field occupies, or null when its record is not in the model.</summary>
        private long? BitsOf(AbiType type, Dictionary<string, long> sizes)
        {
            long element;
            if (type.IsRecord)
            {
                if (!sizes.TryGetValue(type.RecordName ?? string.Empty, out element))
                {
                    return null;
                }
            }
            else
            {
                element = AbiPrimitive.SizeOf(type.Primitive);
            }

            // Sizes are at most int.MaxValue bytes and dimensions are checked one by one, so nothing overflows a long.
            long bytes = element;
            foreach (long dimension in type.Dimensions)
            {
                if (dimension != 0 && bytes > int.MaxValue / dimension)
                {
                    throw Error("the array type is larger than a C# struct can be");
                }

                bytes *= dimension;
            }

            return bytes * 8;
        }

        private IoctlDirection ParseDirection(string raw) => raw switch
        {
            "none" => IoctlDirection.None,
            "write" => IoctlDirection.Write,
            "read" => IoctlDirection.Read,
            "readwrite" => IoctlDirection.ReadWrite,
            _ => throw Error("dir=" + raw + " is not none, write, read or readwrite"),
        };
    }

    /// <summary>The model line of each field of a record, for errors found after reading.</summary>
    private sealed record RecordLines(int[] Fields);

    private static Line Tokenize(string text, State state)
    {
        var words = new List<string>();
        var attributes = new Dictionary<string, string>(StringComparer.Ordinal);
        var flags = new HashSet<string>(StringComparer.Ordinal);
        int i = 0;
        while (i < text.Length)
        {
            if (text[i] == ' ')
            {
                i++;
                continue;
            }

            if (text[i] == '"')
            {
                // A quoted word: a header path with spaces (the writer quotes only such paths).
                string quoted = ReadQuoted(text, ref i, state);
                if (words.Count < 2)
                {
                    words.Add(quoted);
                }
                else
                {
                    flags.Add(quoted);
                }

                continue;
            }

            int start = i;
            while (i < text.Length && text[i] != ' ' && text[i] != '=')
            {
                i++;
            }

            string word = text.Substring(start, i - start);
            if (i < text.Length && text[i] == '=')
            {
                i++;
                string value = i < text.Length && text[i] == '"' ? ReadQuoted(text, ref i, state) : ReadBare(text, ref i);
                if (attributes.ContainsKey(word))
                {
                    // The writer never repeats one: a second size= is an edit, and which one wins would be a guess.
                    throw state.Error(word + "= appears twice on this line");
                }

                attributes[word] = value;
            }
            else if (words.Count < 2)
            {
                words.Add(word);
            }
            else
            {
                flags.Add(word);
            }
        }

        if (words.Count == 0)
        {
            throw state.Error("a line must start with a keyword");
        }

        return new Line(words[0], words.Count > 1 ? words[1] : null, attributes, flags, state);
    }

    private static string ReadBare(string text, ref int i)
    {
        int start = i;
        while (i < text.Length && text[i] != ' ')
        {
            i++;
        }

        return text.Substring(start, i - start);
    }

    private static string ReadQuoted(string text, ref int i, State state)
    {
        var value = new StringBuilder();
        i++;
        while (i < text.Length && text[i] != '"')
        {
            if (text[i] == '\\' && i + 1 < text.Length)
            {
                i++;
                value.Append(text[i] == 'n' ? '\n' : text[i]);
            }
            else
            {
                value.Append(text[i]);
            }

            i++;
        }

        if (i >= text.Length)
        {
            throw state.Error("unterminated quoted value");
        }

        i++;
        return value.ToString();
    }
}
