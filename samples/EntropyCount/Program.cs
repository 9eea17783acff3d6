using System;
using EntropyCount;
using EntropyCount.Interop;

// RNDGETENTCNT on /dev/urandom: a request number clang computed from <linux/random.h>, and a typed call.
using EntropyPool pool = EntropyPool.Open();
Console.WriteLine($"RNDGETENTCNT = 0x{RandomConstants.RNDGETENTCNT:x}");
Console.WriteLine($"entropy the kernel credits: {pool.EntropyBits()} bits");
