using System.IO;
using System.Linq;
using Xunit;

namespace Mshv.Tests.Runtime;

/// <summary>A fact that needs a real evdev device (/dev/input/event*); skipped, with the reason, where there is none.</summary>
public sealed class EvdevFactAttribute : FactAttribute
{
    public EvdevFactAttribute()
    {
        if (FirstDevice() is null)
        {
            Skip = "no /dev/input/event* on this machine: the fake evdev device's test covers the call";
        }
    }

    /// <summary>The first event device, by path.</summary>
    public static string? FirstDevice() =>
        Directory.Exists("/dev/input") ? Directory.GetFiles("/dev/input", "event*").OrderBy(p => p, System.StringComparer.Ordinal).FirstOrDefault() : null;
}
