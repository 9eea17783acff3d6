using Mshv.Abi;

namespace Mshv.Generator.Models;

/// <summary>A model file after reading: the model, or the <c>MSHV0001</c> diagnostic that says where it is malformed.</summary>
internal sealed record ParsedModel(string Path, AbiModel? Model, EmitDiagnostic? Error);
