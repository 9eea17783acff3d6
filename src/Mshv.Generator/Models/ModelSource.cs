namespace Mshv.Generator.Models;

/// <summary>An <c>.abi</c> AdditionalFile as pipeline state: its path and text (null when it could not be read).</summary>
internal sealed record ModelSource(string Path, string? Text);
