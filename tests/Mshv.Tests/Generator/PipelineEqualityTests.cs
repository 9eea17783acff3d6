using System;
using System.Collections.Generic;
using System.Linq;
using System.Reflection;
using Mshv.Abi;
using Mshv.Generator;
using Xunit;

namespace Mshv.Tests.Generator;

/// <summary>
/// Roslyn caches a step by comparing its output with the last one: every type held in pipeline state must compare by
/// value (IEquatable of itself, and a record's generated Equals or a struct's own), all the way down. A class compared
/// by reference, an array or a list would make every run look Modified.
/// </summary>
public sealed class PipelineEqualityTests
{
    /// <summary>The outputs of the pipeline's steps (Mshv.Generator.Models, Selection included).</summary>
    private static readonly string[] StepOutputs =
    {
        "Mshv.Generator.Models.ModelSource", "Mshv.Generator.Models.ParsedModel", "Mshv.Generator.Models.GeneratorOptions",
        "Mshv.Generator.Models.ModelTypeNames", "Mshv.Generator.Models.ModelNeighbours", "Mshv.Generator.Models.ModelEmission",
        "Mshv.Generator.Models.SharedTypes", "Mshv.Generator.Models.HeaderFiles", "Mshv.Generator.Selection.SelectionFile",
        "Mshv.Generator.Selection.SelectionSet",
    };

    [Fact]
    public void Every_type_in_pipeline_state_has_value_equality()
    {
        Assembly generator = typeof(MshvGenerator).Assembly;
        var seen = new HashSet<Type>();
        var pending = new Queue<Type>(StepOutputs.Select(name => generator.GetType(name, throwOnError: true)!));
        var problems = new List<string>();
        while (pending.Count > 0)
        {
            Type type = pending.Dequeue();
            if (!seen.Add(type) || type.IsPrimitive || type.IsEnum || type == typeof(string))
            {
                continue;
            }

            string? problem = EqualityProblem(type);
            if (problem is not null)
            {
                problems.Add(type + ": " + problem);
                continue;
            }

            foreach (FieldInfo field in type.GetFields(BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic))
            {
                Type fieldType = Nullable.GetUnderlyingType(field.FieldType) ?? field.FieldType;
                if (fieldType.IsGenericType && fieldType.GetGenericTypeDefinition() == typeof(EquatableArray<>))
                {
                    pending.Enqueue(fieldType.GetGenericArguments()[0]);
                }
                else if (!(type.IsGenericType && type.GetGenericTypeDefinition() == typeof(EquatableArray<>)))
                {
                    pending.Enqueue(fieldType);
                }
            }
        }

        Assert.True(problems.Count == 0, string.Join("\n", problems));
        Assert.Contains(typeof(AbiField), seen);
        Assert.Contains(seen, t => t.Name == "SelectedName");
        // Every model type the generator declares is either a step output or reached from one (EmitResult and EmitOptions
        // are the CLI's and the emitter's, not pipeline state).
        Assert.All(
            generator.GetTypes().Where(t => t.Namespace == "Mshv.Generator.Models" && !t.IsNested && t.Name is not ("EmitResult" or "EmitOptions")),
            t => Assert.Contains(t, seen));
    }

    [Fact]
    public void Equal_models_read_twice_are_equal_but_not_the_same_objects()
    {
        string text = System.IO.File.ReadAllText(Infrastructure.RepoPaths.SeedModel);
        AbiModel first = AbiModelReader.Read(text, "mshv.abi");
        AbiModel second = AbiModelReader.Read(text, "mshv.abi");

        Assert.NotSame(first.Records[0], second.Records[0]);
        Assert.Equal(first, second);
        Assert.Equal(first.GetHashCode(), second.GetHashCode());
    }

    private static string? EqualityProblem(Type type)
    {
        if (type.IsArray || (type.IsGenericType && !type.IsValueType && type.GetGenericTypeDefinition() != typeof(EquatableArray<>)))
        {
            return "arrays and collections compare by reference; use EquatableArray<T>";
        }

        if (!typeof(IEquatable<>).MakeGenericType(type).IsAssignableFrom(type))
        {
            return "does not implement IEquatable<" + type.Name + ">";
        }

        bool isRecord = type.GetProperty("EqualityContract", BindingFlags.Instance | BindingFlags.NonPublic) is not null;
        bool ownEquals = type.IsValueType && type.GetMethod("Equals", new[] { type })?.DeclaringType == type;
        return isRecord || ownEquals ? null : "is neither a record nor a struct with its own Equals";
    }
}
