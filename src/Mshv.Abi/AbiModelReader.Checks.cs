using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;

namespace Mshv.Abi;

/// <summary>
/// The checks that make a hostile or damaged model an error at its line instead of a wrong layout or C# that
/// does not compile: names that are C identifiers, no duplicate entities or members, struct members that do
/// not overlap, no record that contains itself, and ioctl fields that agree with their request number.
/// </summary>
public static partial class AbiModelReader
{
    private sealed partial class State
    {
        private readonly List<int> _ioctlLineNumbers = new();
        private readonly List<int> _builderLineNumbers = new();
        private readonly Dictionary<string, int> _entityNames = new(StringComparer.Ordinal);
        private readonly HashSet<string> _memberNames = new(StringComparer.Ordinal);
        private bool _sawEnd;

        /// <summary>Nothing but comments and blank lines may follow the end marker (two models pasted together, a bad merge).</summary>
        public void CheckAfterEnd()
        {
            if (_sawEnd)
            {
                throw Error("text after the '" + AbiModel.EndMarker + "' line that ends the model");
            }
        }

        /// <summary>
        /// Every model ends with the end marker (the writer puts it last): without it the file was cut short (a killed
        /// build, a truncated copy), and a cut at a record boundary would otherwise read as fewer records. The error is
        /// at the last line that is there.
        /// </summary>
        public void CheckEnd(string[] lines)
        {
            if (!_sawEnd)
            {
                int last = lines.Length;
                while (last > 1 && lines[last - 1].Trim().Length == 0)
                {
                    last--;
                }

                LineNumber = Math.Max(last, 1);
                throw Error("the model ends without its '" + AbiModel.EndMarker + "' line, so it was cut short (a partial write or a truncated copy)"
                    + " or written by hand without it; rescan the headers, or end a hand-written model with a line '" + AbiModel.EndMarker + "'");
            }
        }

        /// <summary>Checks what a line names before anything is built from it (sizes are checked before they are narrowed).</summary>
        private void CheckLine(Line line, bool member)
        {
            if (line.Name is not null)
            {
                CheckLineName(line, member);
            }

            // A misspelt flag ('pakced') would otherwise be dropped, and the layout with it.
            string[] flags = line.Keyword switch
            {
                "struct" or "union" => new[] { "packed", "anonymous" },
                "enum" => new[] { "anonymous" },
                "field" => new[] { "opaque" },
                _ => Array.Empty<string>(),
            };
            foreach (string flag in line.Flags.OrderBy(f => f, StringComparer.Ordinal))
            {
                if (!flags.Contains(flag))
                {
                    throw Error("'" + Visible(flag) + "' is not a flag of a '" + line.Keyword + "' line ("
                        + (flags.Length == 0 ? "it has none" : "its flags: " + string.Join(", ", flags)) + ")");
                }
            }

            foreach (string key in new[] { "type", "argtype" })
            {
                string? type = line.Optional(key);
                if (type is not null && type.StartsWith("record:", StringComparison.Ordinal))
                {
                    int bracket = type.IndexOf('[');
                    string name = type.Substring("record:".Length, (bracket < 0 ? type.Length : bracket) - "record:".Length);
                    RequireRecordName(name, key + "=record:");
                }
            }

            string? enumName = line.Optional("enum");
            if (enumName is not null && !IsAnonymousEnumName(enumName))
            {
                RequireIdentifier(enumName, "enum=");
            }

            string? at = line.Optional("at");
            if (at is not null && at.Any(IsUnprintable))
            {
                throw Error("at=" + Visible(at) + " holds a control character or U+FFFD");
            }

            if (line.Keyword == "ioctl")
            {
                foreach (string key in new[] { "type", "nr" })
                {
                    if (line.Hex(key) > 0xff)
                    {
                        throw Error(key + "=" + line.Required(key) + " does not fit the 8 bits an ioctl request has for it");
                    }
                }

                long size = line.Long("size");
                if (size < 0 || size > MaxIoctlSize)
                {
                    throw Error("size=" + size + " is not an ioctl argument size (0.." + MaxIoctlSize + ")");
                }
            }
        }

        private void CheckLineName(Line line, bool member)
        {
            string name = line.Name!;
            switch (line.Keyword)
            {
                case "struct":
                case "union":
                    RequireRecordName(name, line.Keyword);
                    break;
                case "enum" when line.Flags.Contains("anonymous") && IsAnonymousEnumName(name):
                    break;
                case "header":
                case "target":
                case "abi":
                    if (name.Any(IsUnprintable))
                    {
                        throw Error(line.Keyword + " " + Visible(name) + " holds a control character or U+FFFD");
                    }

                    return;
                case "field" when name == "-":
                    return;
                default:
                    RequireIdentifier(name, line.Keyword);
                    break;
            }

            if (member)
            {
                if (!_memberNames.Add(name))
                {
                    throw Error(line.Keyword + " " + name + " appears twice in the same " + (_open?.Keyword ?? "record"));
                }
            }
            else
            {
                // Records and enums share C's tag namespace; the model keeps one list each, and names them apart.
                string kind = line.Keyword is "struct" or "union" ? "record" : line.Keyword;
                if (_entityNames.TryGetValue(kind + " " + name, out int first))
                {
                    throw Error(line.Keyword + " " + name + " appears twice in the model (first at line " + first + ")");
                }

                _entityNames.Add(kind + " " + name, LineNumber);
            }
        }

        private void RequireRecordName(string name, string what)
        {
            // An unnamed record used by a member is called parent.member; an anonymous one parent.anonN.
            if (name.Length == 0 || name.Split('.').Any(part => !IsCIdentifier(part)))
            {
                throw Error(what + " name '" + Visible(name) + "' is not a C identifier (or identifiers joined by '.')");
            }
        }

        private void RequireIdentifier(string name, string what)
        {
            if (!IsCIdentifier(name))
            {
                throw Error(what + " name '" + Visible(name) + "' is not a C identifier");
            }
        }

        /// <summary>Runs once everything is read: the checks that need the whole model.</summary>
        private void CheckModel()
        {
            var records = new Dictionary<string, int>(StringComparer.Ordinal);
            for (int r = 0; r < _records.Count; r++)
            {
                records[_records[r].Name] = r;
            }

            // Whole-model facts computed once, in linear time: a hostile model may hold tens of thousands of records.
            HashSet<int> cyclic = RecordsOnContainmentCycles(records);
            var anonymousMemberLine = new Dictionary<string, int>(StringComparer.Ordinal);
            for (int r = 0; r < _records.Count; r++)
            {
                if (_records[r].Kind == RecordKind.Struct)
                {
                    CheckOverlaps(r, records);
                }

                CheckAnonymousMembersOwnTheirRecords(r, anonymousMemberLine);
                CheckContainment(r, records, cyclic);
                if (!_records[r].IsAnonymous)
                {
                    CheckFlattenedNames(r, records);
                }
            }

            for (int i = 0; i < _ioctls.Count; i++)
            {
                LineNumber = _ioctlLineNumbers[i];
                CheckIoctlFields(_ioctls[i]);
            }

            for (int i = 0; i < _builders.Count; i++)
            {
                LineNumber = _builderLineNumbers[i];
                CheckRequestBuilder(_builders[i]);
            }

            LineNumber = 1;
        }

        /// <summary>Members of a struct occupy disjoint bits (only a union's members share them).</summary>
        private void CheckOverlaps(int r, Dictionary<string, int> records)
        {
            AbiRecord record = _records[r];
            var spans = new List<(long Start, long End, int Index)>();
            for (int f = 0; f < record.Fields.Count; f++)
            {
                AbiField field = record.Fields[f];
                long? bits = field.IsBitfield ? field.BitWidth : BitsOfKnown(field.Type, records);
                if (bits is > 0)
                {
                    spans.Add((field.BitOffset, field.BitOffset + bits.Value, f));
                }
            }

            spans.Sort((a, b) => a.Start != b.Start ? a.Start.CompareTo(b.Start) : a.Index.CompareTo(b.Index));
            // The earlier span reaching furthest (the first of equals), kept as it goes: one pass, not one sort per member.
            var previous = spans.Count > 0 ? spans[0] : default;
            for (int i = 1; i < spans.Count; i++)
            {
                if (spans[i].Start < previous.End)
                {
                    int later = Math.Max(spans[i].Index, previous.Index);
                    int earlier = Math.Min(spans[i].Index, previous.Index);
                    LineNumber = _recordLines[r].Fields[later];
                    throw Error("field " + FieldName(record.Fields[later]) + " overlaps field " + FieldName(record.Fields[earlier])
                        + " of struct " + record.Name + " (only a union's members may share bits)");
                }

                if (spans[i].End > previous.End)
                {
                    previous = spans[i];
                }
            }
        }

        /// <summary>A record that holds itself, directly or through other records, has no finite layout.</summary>
        private void CheckContainment(int r, Dictionary<string, int> records, HashSet<int> cyclic)
        {
            if (!cyclic.Contains(r))
            {
                return;
            }

            // On a cycle: the first field whose record lies on the same cycle (it reaches back to this record).
            AbiRecord record = _records[r];
            int component = _containmentComponent[r];
            for (int f = 0; f < record.Fields.Count; f++)
            {
                if (ContainedRecord(record.Fields[f].Type) is string inner && records.TryGetValue(inner, out int next) && _containmentComponent[next] == component)
                {
                    LineNumber = _recordLines[r].Fields[f];
                    throw Error("field " + FieldName(record.Fields[f]) + " makes " + record.CKeyword + " " + record.Name + " contain itself");
                }
            }
        }

        /// <summary>Each record's strongly connected component of the containment graph (Tarjan's, without recursion).</summary>
        private int[] _containmentComponent = Array.Empty<int>();

        /// <summary>
        /// The records that contain themselves: those in a component of several records, or holding themselves directly.
        /// Iterative, so a containment chain of any length costs no stack.
        /// </summary>
        private HashSet<int> RecordsOnContainmentCycles(Dictionary<string, int> records)
        {
            int count = _records.Count;
            var successors = new List<int>[count];
            var cyclic = new HashSet<int>();
            for (int r = 0; r < count; r++)
            {
                successors[r] = new List<int>();
                foreach (AbiField field in _records[r].Fields)
                {
                    if (ContainedRecord(field.Type) is string inner && records.TryGetValue(inner, out int next))
                    {
                        successors[r].Add(next);
                        if (next == r)
                        {
                            cyclic.Add(r);
                        }
                    }
                }
            }

            var index = new int[count];
            var lowLink = new int[count];
            var onStack = new bool[count];
            var component = new int[count];
            var stack = new Stack<int>();
            var work = new Stack<(int Node, int Next)>();
            int counter = 0;
            int components = 0;
            for (int i = 0; i < count; i++)
            {
                index[i] = -1;
            }

            for (int root = 0; root < count; root++)
            {
                if (index[root] >= 0)
                {
                    continue;
                }

                work.Push((root, 0));
                while (work.Count > 0)
                {
                    (int node, int next) = work.Pop();
                    if (next == 0)
                    {
                        index[node] = lowLink[node] = counter++;
                        stack.Push(node);
                        onStack[node] = true;
                    }

                    if (next < successors[node].Count)
                    {
                        int child = successors[node][next];
                        work.Push((node, next + 1));
                        if (index[child] < 0)
                        {
                            work.Push((child, 0));
                        }
                        else if (onStack[child])
                        {
                            lowLink[node] = Math.Min(lowLink[node], index[child]);
                        }

                        continue;
                    }

                    if (lowLink[node] == index[node])
                    {
                        var members = new List<int>();
                        int member;
                        do
                        {
                            member = stack.Pop();
                            onStack[member] = false;
                            component[member] = components;
                            members.Add(member);
                        }
                        while (member != node);

                        if (members.Count > 1)
                        {
                            cyclic.UnionWith(members);
                        }

                        components++;
                    }

                    if (work.Count > 0)
                    {
                        int parent = work.Peek().Node;
                        lowLink[parent] = Math.Min(lowLink[parent], lowLink[node]);
                    }
                }
            }

            _containmentComponent = component;
            return cyclic;
        }

        /// <summary>
        /// An anonymous member's record is its own: C11 declares it in place, so no other member can name it. A record
        /// shared by anonymous members would also make its names repeat, and a chain of such records doubles the members
        /// to flatten at each level.
        /// </summary>
        private void CheckAnonymousMembersOwnTheirRecords(int r, Dictionary<string, int> firstLine)
        {
            AbiRecord record = _records[r];
            for (int f = 0; f < record.Fields.Count; f++)
            {
                AbiField field = record.Fields[f];
                if (!field.IsAnonymousMember || !field.Type.IsRecord || field.Type.RecordName is not string name)
                {
                    continue;
                }

                int line = _recordLines[r].Fields[f];
                if (firstLine.TryGetValue(name, out int first))
                {
                    LineNumber = line;
                    throw Error("an anonymous member of " + record.CKeyword + " " + record.Name + " uses record " + name
                        + ", which the anonymous member at line " + first + " uses already (each anonymous member has a record of its own)");
                }

                firstLine[name] = line;
            }
        }

        /// <summary>The record a field stores in place (a flexible array stores nothing in place).</summary>
        private static string? ContainedRecord(AbiType type) =>
            type.IsRecord && type.RecordName is not null && !type.Dimensions.Contains(0) ? type.RecordName : null;

        /// <summary>C11: the members reached through anonymous members share their parent's names, so none may repeat.</summary>
        private void CheckFlattenedNames(int r, Dictionary<string, int> records)
        {
            var names = new HashSet<string>(StringComparer.Ordinal);
            CollectNames(r, records, names, 0);
        }

        private void CollectNames(int r, Dictionary<string, int> records, HashSet<string> names, int depth)
        {
            AbiRecord record = _records[r];
            for (int f = 0; f < record.Fields.Count; f++)
            {
                AbiField field = record.Fields[f];
                if (!field.IsAnonymousMember)
                {
                    if (!names.Add(field.Name))
                    {
                        LineNumber = _recordLines[r].Fields[f];
                        throw Error("field " + field.Name + " repeats a member name that " + record.CKeyword + " " + record.Name
                            + " already has (through anonymous members, as C11 reads them)");
                    }
                }
                else if (depth < 64 && field.Type.IsRecord && records.TryGetValue(field.Type.RecordName ?? string.Empty, out int inner))
                {
                    CollectNames(inner, records, names, depth + 1);
                }
            }
        }

        /// <summary>powerpc, mips, sparc and alpha: 13 size bits, 3 direction bits (none=1, read=2, write=4); the rest: asm-generic.</summary>
        private bool HasThreeDirectionBits =>
            new[] { "powerpc", "ppc", "mips", "sparc", "alpha" }.Any(a => (_target ?? string.Empty).StartsWith(a, StringComparison.Ordinal));

        /// <summary>
        /// A request builder's forms must say what its request form encodes, for every argument (the forms are linear, so
        /// the constants and each parameter's coefficients must agree): the generator picks a read or write span from
        /// dir=, and bounds the arguments by nrmax= and sizemax=.
        /// </summary>
        private void CheckRequestBuilder(AbiRequestBuilder builder)
        {
            var seen = new HashSet<string>(StringComparer.Ordinal);
            foreach (string parameter in builder.Parameters)
            {
                if (!IsCIdentifier(parameter) || !seen.Add(parameter))
                {
                    throw Error("ioctlfn " + builder.Name + " params= names '" + Visible(parameter) + "', which is not a C identifier or is named twice");
                }
            }

            bool threeDirectionBits = HasThreeDirectionBits;
            ulong sizeMax = threeDirectionBits ? 0x1fffUL : 0x3fffUL;
            string Hex(ulong value) => "0x" + value.ToString("x", CultureInfo.InvariantCulture);
            string? range = builder.Type > 0xff ? "type=" + Hex(builder.Type) + " does not fit the 8 type bits"
                : builder.NumberMax > 0xff ? "nrmax=" + Hex(builder.NumberMax) + " does not fit the 8 number bits"
                : builder.SizeMax > sizeMax ? "sizemax=" + Hex(builder.SizeMax) + " does not fit the " + (threeDirectionBits ? 13 : 14) + " size bits"
                : null;
            if (range is not null)
            {
                throw Error("ioctlfn " + builder.Name + ": " + range);
            }

            ulong directionBits = threeDirectionBits
                ? builder.Direction switch { IoctlDirection.None => 1UL, IoctlDirection.Read => 2UL, IoctlDirection.Write => 4UL, _ => 6UL }
                : (ulong)builder.Direction;
            int directionShift = threeDirectionBits ? 29 : 30;
            ulong Encoded(ulong number, ulong size, ulong fixedBits) => (fixedBits + (size << 16) + number) & 0xffffffffUL;
            string? wrong = (builder.Request.Constant & 0xffffffffUL) != Encoded(builder.Number.Constant, builder.Size.Constant, (directionBits << directionShift) + ((ulong)builder.Type << 8))
                ? "its constant part " + Hex(builder.Request.Constant) + " is not dir=, type=, nr= and size= encoded"
                : null;
            for (int i = 0; wrong is null && i < builder.Parameters.Count; i++)
            {
                if ((builder.Request.Coefficients[i] & 0xffffffffUL) != Encoded(builder.Number.Coefficients[i], builder.Size.Coefficients[i], 0))
                {
                    wrong = "what " + builder.Parameters[i] + " adds to it (" + Hex(builder.Request.Coefficients[i]) + ") is not what it adds to nr= and size=";
                }
            }

            if (wrong is not null)
            {
                throw Error("ioctlfn " + builder.Name + " request=" + builder.Request.Format(builder.Parameters) + " disagrees with its fields: " + wrong
                    + " (" + (threeDirectionBits ? "powerpc-style" : "asm-generic") + " _IOC layout of target " + (_target ?? string.Empty) + ")");
            }
        }

        /// <summary>The request number is the truth the kernel sees; the decoded fields must say the same.</summary>
        private void CheckIoctlFields(AbiIoctl ioctl)
        {
            string target = _target ?? string.Empty;
            bool threeDirectionBits = HasThreeDirectionBits;
            ulong request = ioctl.Request & 0xffffffff;
            ulong nr = request & 0xff;
            ulong type = (request >> 8) & 0xff;
            ulong size = threeDirectionBits ? (request >> 16) & 0x1fff : (request >> 16) & 0x3fff;
            ulong dir = threeDirectionBits ? (request >> 29) & 7 : (request >> 30) & 3;
            IoctlDirection direction = threeDirectionBits
                ? dir switch { 1 => IoctlDirection.None, 2 => IoctlDirection.Read, 4 => IoctlDirection.Write, 6 => IoctlDirection.ReadWrite, _ => (IoctlDirection)(-1) }
                : (IoctlDirection)dir;
            string Hex(ulong value) => "0x" + value.ToString("x", CultureInfo.InvariantCulture);
            string? wrong =
                ioctl.Number != nr ? "nr=" + Hex(ioctl.Number) + " but the request's number is " + Hex(nr)
                : ioctl.Type != type ? "type=" + Hex(ioctl.Type) + " but the request's type is " + Hex(type)
                : ioctl.Size != size ? "size=" + ioctl.Size + " but the request's size is " + size
                : ioctl.Direction != direction ? "dir=" + AbiModelWriter.DirectionName(ioctl.Direction) + " but the request's direction bits are " + dir
                : null;
            if (wrong is not null)
            {
                throw Error("ioctl " + ioctl.Name + " request=" + Hex(ioctl.Request) + " disagrees with its fields: " + wrong
                    + " (" + (threeDirectionBits ? "powerpc-style" : "asm-generic") + " _IOC layout of target " + target + ")");
            }
        }

        /// <summary>Bits of a non-bitfield field, or null when its record is not in the model (left to the emitter).</summary>
        private long? BitsOfKnown(AbiType type, Dictionary<string, int> records)
        {
            long element;
            if (type.IsRecord)
            {
                if (!records.TryGetValue(type.RecordName ?? string.Empty, out int index))
                {
                    return null;
                }

                element = _records[index].Size;
            }
            else
            {
                element = AbiPrimitive.SizeOf(type.Primitive);
            }

            // CheckExtents already bounded every array by int.MaxValue bytes.
            return type.Dimensions.Aggregate(element, (bytes, dimension) => bytes * dimension) * 8;
        }

        private static string FieldName(AbiField field) => field.IsAnonymousMember ? "- (anonymous)" : field.Name;
    }

    /// <summary>The largest argument size an ioctl request can encode (asm-generic's 14 size bits).</summary>
    private const long MaxIoctlSize = (1 << 14) - 1;

    /// <summary>
    /// A C identifier as gcc accepts it: ASCII letters, digits (not first), <c>_</c>, <c>$</c>, and non-ASCII
    /// letters, digits and marks (C11 Annex D). Never U+FFFD (what invalid UTF-8 decodes to), spaces or controls.
    /// </summary>
    public static bool IsCIdentifier(string name)
    {
        if (name.Length == 0 || (name[0] >= '0' && name[0] <= '9'))
        {
            return false;
        }

        for (int i = 0; i < name.Length; i++)
        {
            char c = name[i];
            if (c < 0x80)
            {
                if (!(c == '_' || c == '$' || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')))
                {
                    return false;
                }

                continue;
            }

            if (char.IsHighSurrogate(c))
            {
                if (i + 1 >= name.Length || !char.IsLowSurrogate(name[i + 1]))
                {
                    return false;
                }

                i++;
                continue;
            }

            if (!IsIdentifierCategory(CharUnicodeInfo.GetUnicodeCategory(c), i == 0))
            {
                return false;
            }
        }

        return true;
    }

    private static bool IsIdentifierCategory(UnicodeCategory category, bool first) => category switch
    {
        UnicodeCategory.UppercaseLetter or UnicodeCategory.LowercaseLetter or UnicodeCategory.TitlecaseLetter
            or UnicodeCategory.ModifierLetter or UnicodeCategory.OtherLetter or UnicodeCategory.LetterNumber => true,
        UnicodeCategory.NonSpacingMark or UnicodeCategory.SpacingCombiningMark or UnicodeCategory.DecimalDigitNumber
            or UnicodeCategory.ConnectorPunctuation or UnicodeCategory.Format or UnicodeCategory.OtherNumber => !first,
        _ => false,
    };

    /// <summary>The name the scanner gives an unnamed enum: <c>anon@file:line</c>.</summary>
    private static bool IsAnonymousEnumName(string name) =>
        name.StartsWith("anon@", StringComparison.Ordinal) && name.IndexOf(':') > 0 && !name.Any(IsUnprintable);

    /// <summary>Characters that end or garble a line of C# or XML: controls, C# line separators and U+FFFD.</summary>
    private static bool IsUnprintable(char c) => c < 0x20 || c == 0x7f || c == '\u0085' || c == '\u2028' || c == '\u2029' || c == '\uFFFD';

    /// <summary>A name as an error message can show it: controls and U+FFFD as \uXXXX.</summary>
    private static string Visible(string text) =>
        string.Concat(text.Select(c => IsUnprintable(c) ? "\\u" + ((int)c).ToString("X4", CultureInfo.InvariantCulture) : c.ToString()));
}
