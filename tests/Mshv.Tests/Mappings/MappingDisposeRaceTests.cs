using System;
using System.Threading;
using Mshv.Kvm;
using Mshv.Kvm.Guest;
using Mshv.Runtime;
using Mshv.Tests.Kvm;
using Xunit;

namespace Mshv.Tests.Mappings;

/// <summary>Disposing a mapping on one thread while another reads it: each read succeeds or throws
/// ObjectDisposedException; none faults (an AccessViolationException would kill the test process).</summary>
public sealed class MappingDisposeRaceTests
{
    private const int Rounds = 200;

    [Fact]
    public void Reads_racing_a_dispose_succeed_or_throw_ObjectDisposedException()
    {
        int succeeded = 0, refused = 0;
        var failures = new System.Collections.Concurrent.ConcurrentQueue<Exception>();
        for (int round = 0; round < Rounds; round++)
        {
            MemoryMapping memory = MemoryMapping.Anonymous(64 * 1024, MemoryProtection.ReadWrite);
            memory.Write(0, 0x1122334455667788L);
            using ManualResetEventSlim reading = new();
            Thread reader = Reader(() =>
            {
                while (true)
                {
                    try
                    {
                        Assert.Equal(0x1122334455667788L, memory.Read<long>(0));
                        Assert.Equal(64 * 1024, memory.Access(static bytes => { bytes[^1] ^= 1; return bytes.Length; }));
                        Interlocked.Increment(ref succeeded);
                        reading.Set();
                    }
                    catch (ObjectDisposedException)
                    {
                        Interlocked.Increment(ref refused);
                        return;
                    }
                }
            }, failures);
            reading.Wait(); // the reader is inside its loop: the dispose below lands between or during its reads
            Thread.SpinWait(round * 50);
            memory.Dispose();
            reader.Join();
        }

        // Every round read before the dispose and ended in a refusal after it; nothing else went wrong.
        Assert.Empty(failures);
        Assert.Equal(Rounds, refused);
        Assert.True(succeeded >= Rounds);
    }

    [KvmFact]
    public void Run_state_read_racing_a_vcpu_dispose_succeeds_or_throws_ObjectDisposedException()
    {
        using KvmSystem kvm = KvmSystem.Open();
        int refused = 0;
        var failures = new System.Collections.Concurrent.ConcurrentQueue<Exception>();
        for (int round = 0; round < 20; round++)
        {
            RealModeGuest guest = RealModeGuest.Create(kvm);
            guest.Vcpu.Run();
            using ManualResetEventSlim reading = new();
            Thread reader = Reader(() =>
            {
                while (true)
                {
                    try
                    {
                        Assert.Equal((uint)Mshv.Kvm.Interop.KvmConstants.KVM_EXIT_IO, guest.Vcpu.ExitReason);
                        Assert.Equal((byte)'4', guest.Vcpu.IoData[0]);
                        _ = guest.Vcpu.RunState.io.port;
                        reading.Set();
                    }
                    catch (ObjectDisposedException)
                    {
                        Interlocked.Increment(ref refused);
                        return;
                    }
                }
            }, failures);
            reading.Wait();
            Thread.SpinWait(round * 200);
            guest.Dispose();
            reader.Join();
        }

        Assert.Empty(failures);
        Assert.Equal(20, refused);
    }

    /// <summary>A started thread running <paramref name="body"/>; anything but its normal end is kept in <paramref name="failures"/>.</summary>
    private static Thread Reader(Action body, System.Collections.Concurrent.ConcurrentQueue<Exception> failures)
    {
        Thread thread = new(() =>
        {
            try
            {
                body();
            }
            catch (Exception e)
            {
                failures.Enqueue(e);
            }
        });
        thread.Start();
        return thread;
    }
}
