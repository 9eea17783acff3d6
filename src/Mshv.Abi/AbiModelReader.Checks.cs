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

            for (int r = 0; r < _records.Count; r++)
            {
                if (_records[r].Kind == RecordKind.Struct)
                {
                    CheckOverlaps(r, records);
                }

                CheckContainment(r, records);
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
            for (int i = 1; i < spans.Count; i++)
            {
                var previous = spans.Take(i).OrderByDescending(s => s.End).First();
                if (spans[i].Start < previous.End)
                {
                    int later = Math.Max(spans[i].Index, previous.Index);
                    int earlier = Math.Min(spans[i].Index, previous.Index);
                    LineNumber = _recordLines[r].Fields[later];
                    throw Error("field " + FieldName(record.Fields[later]) + " overlaps field " + FieldName(record.Fields[earlier])
                        + " of struct " + record.Name + " (only a union's members may share bits)");
                }
            }
        }

        /// <summary>A record that holds itself, directly or through other records, has no finite layout.</summary>
        private void CheckContainment(int r, Dictionary<string, int> records)
        {
            AbiRecord record = _records[r];
            for (int f = 0; f < record.Fields.Count; f++)
            {
                string? inner = ContainedRecord(record.Fields[f].Type);
                if (inner is not null && Reaches(inner, record.Name, records, new HashSet<string>(StringComparer.Ordinal)))
                {
                    LineNumber = _recordLines[r].Fields[f];
                    throw Error("field " + FieldName(record.Fields[f]) + " makes " + record.CKeyword + " " + record.Name + " contain itself");
                }
            }
        }

        private bool Reaches(string from, string target, Dictionary<string, int> records, HashSet<string> seen)
        {
            if (from == target)
            {
                return true;
            }

            if (!seen.Add(from) || !records.TryGetValue(from, out int index))
            {
                return false;
            }

            return _records[index].Fields.Any(field => ContainedRecord(field.Type) is string next && Reaches(next, target, records, seen));
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

        /// <summary>The request number is the truth the kernel sees; the decoded fields must say the same.</summary>
        private void CheckIoctlFields(AbiIoctl ioctl)
        {
            // powerpc, mips, sparc and alpha: 13 size bits, 3 direction bits (none=1, read=2, write=4); the rest: asm-generic.
            string target = _target ?? string.Empty;
            bool threeDirectionBits = new[] { "powerpc", "ppc", "mips", "sparc", "alpha" }.Any(a => target.StartsWith(a, StringComparison.Ordinal));
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
