using System.Collections.Generic;
using System.Linq;

namespace Mshv.Abi.Diff;

/// <summary>The half-open bit interval <c>[Start, End)</c> a member occupies in its record.</summary>
internal readonly record struct BitRange(long Start, long End)
{
    public long Length => End - Start;

    public bool IsEmpty => End <= Start;

    public bool Contains(BitRange other) => other.Start >= Start && other.End <= End;

    public bool Overlaps(BitRange other) => other.Start < End && Start < other.End;
}

/// <summary>A union of bit ranges, kept merged and sorted, to ask "are these bits covered by …".</summary>
internal sealed class BitRangeSet
{
    private readonly List<BitRange> _ranges;

    public BitRangeSet(IEnumerable<BitRange> ranges)
    {
        _ranges = new List<BitRange>();
        foreach (BitRange range in ranges.Where(r => !r.IsEmpty).OrderBy(r => r.Start))
        {
            if (_ranges.Count > 0 && range.Start <= _ranges[_ranges.Count - 1].End)
            {
                BitRange last = _ranges[_ranges.Count - 1];
                _ranges[_ranges.Count - 1] = new BitRange(last.Start, System.Math.Max(last.End, range.End));
            }
            else
            {
                _ranges.Add(range);
            }
        }
    }

    public IReadOnlyList<BitRange> Ranges => _ranges;

    /// <summary>True when every bit of <paramref name="range"/> is in the set (an empty range always is).</summary>
    public bool Covers(BitRange range) => range.IsEmpty || _ranges.Any(r => r.Contains(range));

    /// <summary>The bits of <paramref name="whole"/> not in this set.</summary>
    public BitRangeSet ComplementWithin(BitRange whole)
    {
        var gaps = new List<BitRange>();
        long cursor = whole.Start;
        foreach (BitRange range in _ranges)
        {
            if (range.Start > cursor)
            {
                gaps.Add(new BitRange(cursor, System.Math.Min(range.Start, whole.End)));
            }

            cursor = System.Math.Max(cursor, range.End);
        }

        if (cursor < whole.End)
        {
            gaps.Add(new BitRange(cursor, whole.End));
        }

        return new BitRangeSet(gaps);
    }

    public BitRangeSet Union(BitRangeSet other) => new(_ranges.Concat(other._ranges));
}
