using System;
using System.Collections.Generic;
using System.Linq;
using Mshv.Abi;

namespace Mshv.Tests.Conformance;

/// <summary>Arguments for a function-like request macro that keep its number and size within their <c>_IOC</c> fields, and one that does not.</summary>
internal static class BuilderArguments
{
    /// <summary>0, 1, 3 and the largest value each argument can take alone; then all of them at their smallest non-zero together.</summary>
    public static IEnumerable<int[]> ThatFit(AbiRequestBuilder builder)
    {
        int count = builder.Parameters.Count;
        int[] largest = Enumerable.Range(0, count).Select(i => Largest(builder, i)).ToArray();
        foreach (int value in new[] { 0, 1, 3 })
        {
            yield return Enumerable.Range(0, count).Select(i => Math.Min(value, largest[i])).ToArray();
        }

        for (int i = 0; i < count; i++)
        {
            int[] edge = new int[count];
            edge[i] = largest[i];
            yield return edge;
        }
    }

    public static int[] PastTheEdge(AbiRequestBuilder builder)
    {
        int[] arguments = new int[builder.Parameters.Count];
        int first = Enumerable.Range(0, arguments.Length).First(i => builder.Number.Coefficients[i] != 0 || builder.Size.Coefficients[i] != 0);
        arguments[first] = Largest(builder, first) + 1;
        return arguments;
    }

    /// <summary>The largest value of argument <paramref name="index"/> (the others 0) that keeps number and size within their fields.</summary>
    private static int Largest(AbiRequestBuilder builder, int index)
    {
        ulong best = int.MaxValue;
        foreach ((LinearForm form, ulong max) in new[] { (builder.Number, builder.NumberMax), (builder.Size, builder.SizeMax) })
        {
            ulong coefficient = form.Coefficients[index];
            if (coefficient != 0)
            {
                best = Math.Min(best, (max - form.Constant) / coefficient);
            }
        }

        return (int)best;
    }
}
