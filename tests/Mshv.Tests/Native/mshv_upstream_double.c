// SPDX-License-Identifier: MIT
// A user-space double of the upstream mshv root driver (drivers/hv/mshv_root_main.c and mshv_eventfd.c, Linux 6.15+
// with the mshv_create_partition_v2 patch), behind the same "libc" seam as the seed double (docs/runtime-seam.md).
//
// The seed double (mshv_double.c) is the library the tests' resolver hands to Mshv.Bindings; it forwards what is not
// its own to this library, which serves /dev/mshv when the seed double is told to route the device here
// (mshv_double_route_device_to_next), and forwards everything else to the real C library.
//
// Compiled by the test run from the distribution's upstream header (Debian linux-libc-dev from trixie-backports,
// fetched into a cache, never copied into the repository):
//   cc -shared -fPIC -isystem <root> -isystem <root>/x86_64-linux-gnu -include linux/ioctl.h mshv_upstream_double.c
// so every struct decoded here is laid out by the C compiler from the same header the C# bindings come from.
//
// What is modelled is the driver: what it copies from and to user memory and how much, the checks it makes
// itself (flag masks, MBZ fields, alignment, overlapping regions, sizes) and the errno each gives, and the fd kind
// each request belongs to (ENOTTY elsewhere). What the driver leaves to the hypervisor is answered by a
// hypervisor that always agrees, except where a test scripts it (intercept messages, hypercall status, page
// access states); the double invents no partition-state rule the driver does not have.

#define _GNU_SOURCE
#include <dlfcn.h>
#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/eventfd.h>
#include <sys/mman.h>
#include <sys/uio.h>
#include <unistd.h>

#include <linux/mshv.h>
#include "libc_seam.h"

#define EXPORT __attribute__((visibility("default")))

// Kernel-private values of the upstream driver (drivers/hv/mshv_root.h, hvgdk_mini.h); not in the uapi header.
#define MSHV_MAX_VPS 256
#define MSHV_MAX_GUEST_IRQS 4096
#define HV_STATUS_SUCCESS 0x0
#define HV_STATUS_INVALID_PARAMETER 0x5
#define HV_STATUS_ACCESS_DENIED 0x6
#define HV_STATUS_INSUFFICIENT_MEMORY 0xB
#define HVCALL_GET_PARTITION_PROPERTY 0x0044
#define HVCALL_SET_PARTITION_PROPERTY 0x0045
#define HVCALL_GET_VP_REGISTERS 0x0050
#define HVCALL_SET_VP_REGISTERS 0x0051
#define HV_MESSAGE_SIZE 256 // sizeof(struct hv_message): what RUN_VP copies to user space

#define PAGE 4096ul
#define MAX_FD 65536
#define MAX_PARTITIONS 64
#define MAX_REGIONS 64
#define MAX_EVENTFDS 64
#define MAX_MESSAGES 16
#define STATE_BYTES (3 * PAGE)

enum fd_kind { FD_REAL = 0, FD_DEVICE = 1, FD_PARTITION = 2, FD_VP = 3 };

struct region { uint64_t gfn, pages, uaddr; uint8_t flags; int used; };
struct irqfd { int fd, resamplefd; uint32_t gsi; int used; };
struct ioeventfd { uint64_t addr, datamatch; uint32_t len; int fd, wildcard, used; };

struct vp {
	int used, fd;
	uint32_t index;
	int memfd;                  // the VP's pages: registers, intercept message, GHCB (never mapped: not encrypted)
	unsigned char *pages;       // the double's own view of them
	unsigned char state[MSHV_VP_STATE_COUNT][STATE_BYTES];
	unsigned char messages[MAX_MESSAGES][HV_MESSAGE_SIZE];
	int queued, delivered;
};

struct partition {
	int used, fd, refs, initialized;
	uint64_t id;
	struct mshv_create_partition_v2 created; // as the driver decoded it (v1 fields only unless the flag was set)
	int created_with_v2;
	struct region regions[MAX_REGIONS];
	struct irqfd irqfds[MAX_EVENTFDS];
	struct ioeventfd ioeventfds[MAX_EVENTFDS];
	struct mshv_user_irq_entry *routes;
	uint32_t route_count;
	struct vp *vps[MSHV_MAX_VPS];
	unsigned char access_states[1024]; // per guest page from gfn 0: bit 0 accessed, bit 1 dirty
};

static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
static unsigned char kinds[MAX_FD];
static struct partition *partition_of[MAX_FD];
static struct vp *vp_of[MAX_FD];
static struct partition partitions[MAX_PARTITIONS];
static uint64_t next_partition_id = 1;
static int live_vps;

static uint16_t scripted_hv_status;   // the next passthrough hypercall's status
static unsigned char last_hvcall_input[PAGE];
static struct mshv_root_hvcall last_hvcall;
static int last_hvcall_from_vp;
static int last_errno_site;           // which check produced the last error (see check())


__attribute__((constructor)) static void resolve_real_libc(void)
{
	resolve_next_layer(NULL);
}

// copy_from_user / copy_to_user: a bad user pointer gives EFAULT, never a crash, as in the kernel.
static int copy_from_user(void *to, uint64_t from, size_t n)
{
	struct iovec local = { to, n };
	struct iovec remote = { (void *)(uintptr_t)from, n };
	return n == 0 || process_vm_readv(getpid(), &local, 1, &remote, 1, 0) == (ssize_t)n ? 0 : -1;
}

static int copy_to_user(uint64_t to, const void *from, size_t n)
{
	struct iovec local = { (void *)from, n };
	struct iovec remote = { (void *)(uintptr_t)to, n };
	return n == 0 || process_vm_writev(getpid(), &local, 1, &remote, 1, 0) == (ssize_t)n ? 0 : -1;
}

static int fail(int error)
{
	errno = error;
	return -1;
}

// Every rejection goes through here with the driver's line of reasoning as a site number, so tests can tell
// "EINVAL because of the flag mask" from "EINVAL because of an MBZ field".
static int check(int site, int error)
{
	last_errno_site = site;
	return -error;
}

enum site {
	SITE_COPY_IN = 1, SITE_FLAGS_MASK, SITE_ISOLATION, SITE_V2_BANKS, SITE_V2_RSVD, SITE_VP_INDEX, SITE_VP_EXISTS,
	SITE_MEM_SIZE, SITE_MEM_ALIGN, SITE_MEM_RSVD, SITE_MEM_OVERLAP, SITE_MEM_NO_VMA, SITE_MEM_NOT_FOUND,
	SITE_MEM_MISMATCH, SITE_EVENTFD_BAD, SITE_IRQFD_BUSY, SITE_IOEVENTFD_LEN, SITE_IOEVENTFD_PIO,
	SITE_IOEVENTFD_EXISTS, SITE_IOEVENTFD_MISSING, SITE_RSVD, SITE_ROUTES_TOO_MANY, SITE_GPAP_ARGS,
	SITE_HVCALL_ARGS, SITE_HVCALL_CODE, SITE_HVCALL_ASYNC, SITE_HVCALL_STATUS, SITE_STATE_ARGS, SITE_STATE_SMALL,
	SITE_COPY_OUT, SITE_NO_MESSAGE, SITE_ENOTTY,
};

static int nonzero(const void *bytes, size_t n)
{
	const unsigned char *p = bytes;
	for (size_t i = 0; i < n; ++i)
		if (p[i])
			return 1;
	return 0;
}

static int new_fd(enum fd_kind kind)
{
	int fd = eventfd(0, EFD_CLOEXEC); // anon_inode_getfd(..., O_RDWR | O_CLOEXEC)
	if (fd < 0)
		return -errno;
	if (fd >= MAX_FD) {
		real_close(fd);
		return -EMFILE;
	}
	kinds[fd] = kind;
	return fd;
}

// eventfd_ctx_fdget: EBADF unless fd is an eventfd (of this process).
static int is_eventfd(int fd)
{
	char link[64], target[64];
	snprintf(link, sizeof(link), "/proc/self/fd/%d", fd);
	ssize_t n = readlink(link, target, sizeof(target) - 1);
	if (n < 0)
		return 0;
	target[n] = 0;
	return strcmp(target, "anon_inode:[eventfd]") == 0 && !(fd < MAX_FD && kinds[fd] != FD_REAL);
}

// ---- /dev/mshv: mshv_dev_ioctl -> mshv_ioctl_create_partition -> mshv_ioctl_process_pt_flags --------------

static int create_partition(uint64_t user_arg)
{
	struct mshv_create_partition_v2 args;
	memset(&args, 0, sizeof(args));
	// First the v1 struct: what the request number's size says.
	if (copy_from_user(&args, user_arg, sizeof(struct mshv_create_partition)))
		return check(SITE_COPY_IN, EFAULT);
	if (args.pt_flags & ~(uint64_t)MSHV_PT_FLAGS_MASK)
		return check(SITE_FLAGS_MASK, EINVAL);
	if (args.pt_isolation >= MSHV_PT_ISOLATION_COUNT)
		return check(SITE_ISOLATION, EINVAL);
	int v2 = (args.pt_flags & (1ull << MSHV_PT_BIT_CPU_AND_XSAVE_FEATURES)) != 0;
	if (v2) {
		// The larger struct, only because the flag says so; the v1 fields are checked again after the copy.
		if (copy_from_user(&args, user_arg, sizeof(args)))
			return check(SITE_COPY_IN, EFAULT);
		if (args.pt_flags & ~(uint64_t)MSHV_PT_FLAGS_MASK)
			return check(SITE_FLAGS_MASK, EINVAL);
		if (args.pt_isolation >= MSHV_PT_ISOLATION_COUNT)
			return check(SITE_ISOLATION, EINVAL);
		if (args.pt_num_cpu_fbanks != MSHV_NUM_CPU_FEATURES_BANKS)
			return check(SITE_V2_BANKS, EINVAL);
		if (nonzero(args.pt_rsvd, sizeof(args.pt_rsvd)) || nonzero(args.pt_rsvd1, sizeof(args.pt_rsvd1)))
			return check(SITE_V2_RSVD, EINVAL);
	}

	struct partition *p = 0;
	for (int i = 0; i < MAX_PARTITIONS && !p; ++i)
		if (!partitions[i].used)
			p = &partitions[i];
	if (!p)
		return -ENOMEM;
	int fd = new_fd(FD_PARTITION);
	if (fd < 0)
		return fd;
	memset(p, 0, sizeof(*p));
	p->used = 1;
	p->fd = fd;
	p->refs = 1;
	p->id = next_partition_id++;
	p->created = args;
	p->created_with_v2 = v2;
	partition_of[fd] = p;
	return fd;
}

static int device_ioctl(unsigned int request, uint64_t arg)
{
	switch (request) {
	case MSHV_CREATE_PARTITION:
		return create_partition(arg);
	}
	// MSHV_CHECK_EXTENSION (0x4004B800) belongs to the mshv_vtl driver's /dev/mshv: the root driver does not know it.
	return check(SITE_ENOTTY, ENOTTY);
}

// ---- Partition fd: mshv_partition_ioctl ----------------------------------------------------------------------

static int create_vp(struct partition *p, uint64_t arg)
{
	struct mshv_create_vp args;
	if (copy_from_user(&args, arg, sizeof(args)))
		return check(SITE_COPY_IN, EFAULT);
	if (args.vp_index >= MSHV_MAX_VPS)
		return check(SITE_VP_INDEX, EINVAL);
	if (p->vps[args.vp_index])
		return check(SITE_VP_EXISTS, EEXIST);
	struct vp *vp = calloc(1, sizeof(*vp));
	if (!vp)
		return -ENOMEM;
	vp->memfd = memfd_create("mshv_vp_pages", MFD_CLOEXEC);
	if (vp->memfd < 0 || ftruncate(vp->memfd, MSHV_VP_MMAP_OFFSET_COUNT * PAGE) != 0) {
		free(vp);
		return -ENOMEM;
	}
	vp->pages = real_mmap(0, MSHV_VP_MMAP_OFFSET_COUNT * PAGE, PROT_READ | PROT_WRITE, MAP_SHARED, vp->memfd, 0);
	int fd = new_fd(FD_VP);
	if (fd < 0) {
		real_munmap(vp->pages, MSHV_VP_MMAP_OFFSET_COUNT * PAGE);
		real_close(vp->memfd);
		free(vp);
		return fd;
	}
	vp->used = 1;
	vp->fd = fd;
	vp->index = args.vp_index;
	// The hypervisor's initial VP state: a recognisable pattern per type, so a GET shows where each byte came from.
	for (int t = 0; t < MSHV_VP_STATE_COUNT; ++t)
		for (size_t i = 0; i < STATE_BYTES; ++i)
			vp->state[t][i] = (unsigned char)(0x40 * t + i * 7 + args.vp_index);
	p->vps[args.vp_index] = vp;
	p->refs++; // mshv_partition_get: the VP holds its partition
	partition_of[fd] = p;
	vp_of[fd] = vp;
	live_vps++;
	return fd;
}

static struct region *region_by_gfn(struct partition *p, uint64_t gfn)
{
	for (int i = 0; i < MAX_REGIONS; ++i)
		if (p->regions[i].used && gfn >= p->regions[i].gfn && gfn < p->regions[i].gfn + p->regions[i].pages)
			return &p->regions[i];
	return 0;
}

static struct region *region_by_uaddr(struct partition *p, uint64_t uaddr)
{
	for (int i = 0; i < MAX_REGIONS; ++i)
		if (p->regions[i].used && uaddr >= p->regions[i].uaddr && uaddr < p->regions[i].uaddr + p->regions[i].pages * PAGE)
			return &p->regions[i];
	return 0;
}

static int set_guest_memory(struct partition *p, uint64_t arg)
{
	struct mshv_user_mem_region mem;
	if (copy_from_user(&mem, arg, sizeof(mem)))
		return check(SITE_COPY_IN, EFAULT);
	if (!mem.size || mem.size % PAGE)
		return check(SITE_MEM_SIZE, EINVAL);
	if (mem.userspace_addr % PAGE)
		return check(SITE_MEM_ALIGN, EINVAL);
	if (mem.flags & ~MSHV_SET_MEM_FLAGS_MASK)
		return check(SITE_FLAGS_MASK, EINVAL);
	if (nonzero(mem.rsvd, sizeof(mem.rsvd)))
		return check(SITE_MEM_RSVD, EINVAL);
	uint64_t pages = mem.size / PAGE;

	if (mem.flags & (1u << MSHV_SET_MEM_BIT_UNMAP)) { // mshv_unmap_user_memory
		struct region *r = region_by_gfn(p, mem.guest_pfn);
		if (!r)
			return check(SITE_MEM_NOT_FOUND, EINVAL);
		if (r->uaddr != mem.userspace_addr || r->gfn != mem.guest_pfn || r->pages != pages)
			return check(SITE_MEM_MISMATCH, EINVAL);
		r->used = 0;
		return 0;
	}

	// mshv_map_user_memory: access_ok, then a VMA must exist at the start address.
	unsigned char probe;
	if (mem.userspace_addr + mem.size < mem.userspace_addr || copy_from_user(&probe, mem.userspace_addr, 1))
		return check(SITE_MEM_NO_VMA, EINVAL);
	// mshv_partition_create_region: overlaps are rejected by the first and last page of either space, as the driver checks.
	if (region_by_gfn(p, mem.guest_pfn) || region_by_gfn(p, mem.guest_pfn + pages - 1)
	    || region_by_uaddr(p, mem.userspace_addr) || region_by_uaddr(p, mem.userspace_addr + mem.size - 1))
		return check(SITE_MEM_OVERLAP, EEXIST);
	// Pinning every page (pin_user_pages_fast, FOLL_WRITE) fails on memory that is not there.
	for (uint64_t i = 0; i < pages; ++i)
		if (copy_from_user(&probe, mem.userspace_addr + i * PAGE, 1))
			return check(SITE_COPY_IN, EFAULT);
	for (int i = 0; i < MAX_REGIONS; ++i)
		if (!p->regions[i].used) {
			p->regions[i] = (struct region){ mem.guest_pfn, pages, mem.userspace_addr, mem.flags, 1 };
			return 0;
		}
	return -ENOMEM;
}

static int irqfd(struct partition *p, uint64_t arg)
{
	struct mshv_user_irqfd args;
	if (copy_from_user(&args, arg, sizeof(args)))
		return check(SITE_COPY_IN, EFAULT);
	if (args.flags & ~MSHV_IRQFD_FLAGS_MASK)
		return check(SITE_FLAGS_MASK, EINVAL);
	if (args.flags & (1u << MSHV_IRQFD_BIT_DEASSIGN)) { // mshv_irqfd_deassign: nothing to find is not an error
		for (int i = 0; i < MAX_EVENTFDS; ++i)
			if (p->irqfds[i].used && p->irqfds[i].fd == args.fd && p->irqfds[i].gsi == args.gsi)
				p->irqfds[i].used = 0;
		return 0;
	}
	if (!is_eventfd(args.fd))
		return check(SITE_EVENTFD_BAD, EBADF);
	if ((args.flags & (1u << MSHV_IRQFD_BIT_RESAMPLE)) && !is_eventfd(args.resamplefd))
		return check(SITE_EVENTFD_BAD, EBADF);
	for (int i = 0; i < MAX_EVENTFDS; ++i)
		if (p->irqfds[i].used && p->irqfds[i].fd == args.fd)
			return check(SITE_IRQFD_BUSY, EBUSY);
	for (int i = 0; i < MAX_EVENTFDS; ++i)
		if (!p->irqfds[i].used) {
			p->irqfds[i] = (struct irqfd){ args.fd, args.resamplefd, args.gsi, 1 };
			return 0;
		}
	return -ENOMEM;
}

static int ioeventfd(struct partition *p, uint64_t arg)
{
	struct mshv_user_ioeventfd args;
	if (copy_from_user(&args, arg, sizeof(args)))
		return check(SITE_COPY_IN, EFAULT);
	if (args.flags & ~MSHV_IOEVENTFD_FLAGS_MASK)
		return check(SITE_FLAGS_MASK, EINVAL);
	if (nonzero(args.rsvd, sizeof(args.rsvd)))
		return check(SITE_RSVD, EINVAL);
	if (args.flags & (1u << MSHV_IOEVENTFD_BIT_PIO)) // "PIO not yet implemented"
		return check(SITE_IOEVENTFD_PIO, EOPNOTSUPP);
	int wildcard = !(args.flags & (1u << MSHV_IOEVENTFD_BIT_DATAMATCH));
	if (args.flags & (1u << MSHV_IOEVENTFD_BIT_DEASSIGN)) {
		for (int i = 0; i < MAX_EVENTFDS; ++i) {
			struct ioeventfd *e = &p->ioeventfds[i];
			if (e->used && e->fd == args.fd && e->addr == args.addr && e->len == args.len && e->wildcard == wildcard
			    && (wildcard || e->datamatch == args.datamatch)) {
				e->used = 0;
				return 0;
			}
		}
		return check(SITE_IOEVENTFD_MISSING, ENOENT);
	}
	if (!(args.len == 0 || args.len == 1 || args.len == 2 || args.len == 4 || args.len == 8)
	    || args.addr + args.len < args.addr)
		return check(SITE_IOEVENTFD_LEN, EINVAL);
	if (!is_eventfd(args.fd))
		return check(SITE_EVENTFD_BAD, EBADF);
	for (int i = 0; i < MAX_EVENTFDS; ++i) {
		struct ioeventfd *e = &p->ioeventfds[i];
		if (e->used && e->addr == args.addr && (!args.len || !e->len || e->len == args.len)
		    && (wildcard || e->wildcard || e->datamatch == args.datamatch))
			return check(SITE_IOEVENTFD_EXISTS, EEXIST);
	}
	for (int i = 0; i < MAX_EVENTFDS; ++i)
		if (!p->ioeventfds[i].used) {
			p->ioeventfds[i] = (struct ioeventfd){ args.addr, args.datamatch, args.len, args.fd, wildcard, 1 };
			return 0;
		}
	return -ENOMEM;
}

static int set_msi_routing(struct partition *p, uint64_t arg)
{
	struct mshv_user_irq_table args;
	if (copy_from_user(&args, arg, sizeof(args)))
		return check(SITE_COPY_IN, EFAULT);
	if (args.nr > MSHV_MAX_GUEST_IRQS)
		return check(SITE_ROUTES_TOO_MANY, EINVAL);
	if (args.rsvd)
		return check(SITE_RSVD, EINVAL);
	struct mshv_user_irq_entry *entries = 0;
	if (args.nr) { // vmemdup_user(urouting->entries, nr * sizeof(entry))
		entries = calloc(args.nr, sizeof(*entries));
		if (!entries)
			return -ENOMEM;
		if (copy_from_user(entries, arg + offsetof(struct mshv_user_irq_table, entries), args.nr * sizeof(*entries))) {
			free(entries);
			return check(SITE_COPY_IN, EFAULT);
		}
	}
	free(p->routes);
	p->routes = entries;
	p->route_count = args.nr;
	return 0;
}

static int get_gpap_access_bitmap(struct partition *p, uint64_t arg)
{
	struct mshv_gpap_access_bitmap args;
	if (copy_from_user(&args, arg, sizeof(args)))
		return check(SITE_COPY_IN, EFAULT);
	if (args.access_type >= MSHV_GPAP_ACCESS_TYPE_COUNT || args.access_op >= MSHV_GPAP_ACCESS_OP_COUNT
	    || nonzero(args.rsvd, sizeof(args.rsvd)) || !args.page_count || !args.bitmap_ptr)
		return check(SITE_GPAP_ARGS, EINVAL);
	uint64_t bytes = (args.page_count + 7) / 8;
	unsigned char *bitmap = calloc(bytes, 1);
	if (!bitmap)
		return -ENOMEM;
	unsigned mask = args.access_type == MSHV_GPAP_ACCESS_TYPE_ACCESSED ? 1u : 2u;
	for (uint64_t i = 0; i < args.page_count; ++i) {
		uint64_t gfn = args.gpap_base + i;
		unsigned char *state = gfn < sizeof(p->access_states) ? &p->access_states[gfn] : 0;
		if (state && (*state & mask))
			bitmap[i / 8] |= (unsigned char)(1u << (i % 8));
		// The hypercall applies the operation after reading. The driver builds its flags with "if CLEAR ... else
		// (SET)", so NOOP sets the bits too: modelled as read, not as the header's comment would have it.
		if (state && args.access_op == MSHV_GPAP_ACCESS_OP_CLEAR)
			*state &= (unsigned char)~(mask == 1 ? 3u : 2u); // not accessed implies not dirty
		else if (state)
			*state |= (unsigned char)(mask == 1 ? 1u : 3u); // dirty implies accessed
	}
	int ret = copy_to_user(args.bitmap_ptr, bitmap, bytes) ? check(SITE_COPY_OUT, EFAULT) : 0;
	free(bitmap);
	return ret;
}

// mshv_ioctl_passthru_hvcall: partition and VP fds alike; the partition id is written over the input's first u64.
static int passthru_hvcall(struct partition *p, int from_partition_fd, uint64_t user_args)
{
	struct mshv_root_hvcall args;
	if (copy_from_user(&args, user_args, sizeof(args)))
		return check(SITE_COPY_IN, EFAULT);
	if (args.status || !args.in_ptr || args.in_sz < sizeof(uint64_t) || nonzero(args.rsvd, sizeof(args.rsvd))
	    || args.in_sz > PAGE)
		return check(SITE_HVCALL_ARGS, EINVAL);
	if (args.out_ptr && (!args.out_sz || args.out_sz > PAGE))
		return check(SITE_HVCALL_ARGS, EINVAL);
	static const uint16_t allowed[] = { HVCALL_GET_PARTITION_PROPERTY, HVCALL_SET_PARTITION_PROPERTY,
					    HVCALL_GET_VP_REGISTERS, HVCALL_SET_VP_REGISTERS };
	size_t i = 0;
	while (i < sizeof(allowed) / sizeof(*allowed) && allowed[i] != args.code)
		++i;
	if (i == sizeof(allowed) / sizeof(*allowed))
		return check(SITE_HVCALL_CODE, EINVAL);
	if (args.code == HVCALL_SET_PARTITION_PROPERTY && !from_partition_fd) // async: partition fd only
		return check(SITE_HVCALL_ASYNC, EINVAL);

	unsigned char input[PAGE], output[PAGE];
	memset(input, 0, sizeof(input));
	if (copy_from_user(input, args.in_ptr, args.in_sz))
		return check(SITE_COPY_IN, EFAULT);
	memcpy(input, &p->id, sizeof(p->id));
	memcpy(last_hvcall_input, input, sizeof(input));
	last_hvcall = args;
	last_hvcall_from_vp = !from_partition_fd;

	// The double's hypervisor echoes the input page as output, with the scripted status.
	memcpy(output, input, sizeof(output));
	uint16_t status = scripted_hv_status;
	scripted_hv_status = HV_STATUS_SUCCESS;
	int ret = 0;
	if (status == HV_STATUS_INSUFFICIENT_MEMORY)
		ret = -EAGAIN; // the driver deposits a page and asks the VMM to retry
	else if (status == HV_STATUS_INVALID_PARAMETER)
		ret = check(SITE_HVCALL_STATUS, EINVAL);
	else if (status == HV_STATUS_ACCESS_DENIED)
		ret = check(SITE_HVCALL_STATUS, EACCES);
	else if (status != HV_STATUS_SUCCESS)
		ret = check(SITE_HVCALL_STATUS, EIO);
	// Status and output go back whatever the result.
	args.status = status;
	// args.reps = reps completed: the double's hypervisor completes every rep, so it stays as the caller set it.
	if (copy_to_user(user_args, &args, sizeof(args)))
		ret = check(SITE_COPY_OUT, EFAULT);
	if (args.out_ptr && copy_to_user(args.out_ptr, output, args.out_sz))
		ret = check(SITE_COPY_OUT, EFAULT);
	return ret;
}

static int partition_ioctl(struct partition *p, unsigned int request, uint64_t arg)
{
	switch (request) {
	case MSHV_INITIALIZE_PARTITION:
		p->initialized = 1; // again is fine: "if (partition->pt_initialized) return 0"
		return 0;
	case MSHV_SET_GUEST_MEMORY:
		return set_guest_memory(p, arg);
	case MSHV_CREATE_VP:
		return create_vp(p, arg);
	case MSHV_IRQFD:
		return irqfd(p, arg);
	case MSHV_IOEVENTFD:
		return ioeventfd(p, arg);
	case MSHV_SET_MSI_ROUTING:
		return set_msi_routing(p, arg);
	case MSHV_GET_GPAP_ACCESS_BITMAP:
		return get_gpap_access_bitmap(p, arg);
	case MSHV_ROOT_HVCALL:
		return passthru_hvcall(p, 1, arg);
	}
	return check(SITE_ENOTTY, ENOTTY);
}

// ---- VP fd: mshv_vp_ioctl -------------------------------------------------------------------------------------

static int run_vp(struct vp *vp, uint64_t ret_msg)
{
	if (vp->delivered == vp->queued) // a real VP would run until a signal: nothing scripted, so "interrupted"
		return check(SITE_NO_MESSAGE, EINTR);
	const unsigned char *message = vp->messages[vp->delivered % MAX_MESSAGES];
	vp->delivered++;
	memcpy(vp->pages + MSHV_VP_MMAP_OFFSET_INTERCEPT_MESSAGE * PAGE, message, HV_MESSAGE_SIZE);
	if (copy_to_user(ret_msg, message, HV_MESSAGE_SIZE))
		return check(SITE_COPY_OUT, EFAULT);
	return 0;
}

// The double's hypervisor: how much data each state type has (LAPIC and the SynIC pages are one page; XSAVE and the
// timers are what a partition property and a struct size say in the kernel, chosen here).
static uint32_t state_size(uint8_t type)
{
	switch (type) {
	case MSHV_VP_STATE_XSAVE: return (uint32_t)(2 * PAGE + 512);
	case MSHV_VP_STATE_SYNTHETIC_TIMERS: return 200;
	default: return (uint32_t)PAGE;
	}
}

static int get_set_state(struct vp *vp, uint64_t user_args, int is_set)
{
	struct mshv_get_set_vp_state args;
	if (copy_from_user(&args, user_args, sizeof(args)))
		return check(SITE_COPY_IN, EFAULT);
	if (args.type >= MSHV_VP_STATE_COUNT || nonzero(args.rsvd, sizeof(args.rsvd)) || !args.buf_sz
	    || args.buf_sz % PAGE || args.buf_ptr % PAGE)
		return check(SITE_STATE_ARGS, EINVAL);
	uint32_t data_sz = state_size(args.type);
	// The actual size goes back before the size check, so a VMM can retry with a bigger buffer.
	if (copy_to_user(user_args + offsetof(struct mshv_get_set_vp_state, buf_sz), &data_sz, sizeof(data_sz)))
		return check(SITE_COPY_OUT, EFAULT);
	if (data_sz > args.buf_sz)
		return check(SITE_STATE_SMALL, EINVAL);
	if (is_set)
		return copy_from_user(vp->state[args.type], args.buf_ptr, data_sz) ? check(SITE_COPY_IN, EFAULT) : 0;
	return copy_to_user(args.buf_ptr, vp->state[args.type], data_sz) ? check(SITE_COPY_OUT, EFAULT) : 0;
}

static int vp_ioctl(struct vp *vp, struct partition *p, unsigned int request, uint64_t arg)
{
	switch (request) {
	case MSHV_RUN_VP:
		return run_vp(vp, arg);
	case MSHV_GET_VP_STATE:
		return get_set_state(vp, arg, 0);
	case MSHV_SET_VP_STATE:
		return get_set_state(vp, arg, 1);
	case MSHV_ROOT_HVCALL:
		return passthru_hvcall(p, 0, arg);
	}
	return check(SITE_ENOTTY, ENOTTY);
}

// ---- The libc surface --------------------------------------------------------------------------------------------

static int is_fake(int fd)
{
	return fd >= 0 && fd < MAX_FD && kinds[fd] != FD_REAL;
}

EXPORT int open(const char *path, int flags, ...)
{
	mode_t mode;
	SEAM_OPEN_MODE(flags, mode);
	if (strcmp(path, "/dev/mshv") != 0)
		return real_open(path, flags, mode);
	pthread_mutex_lock(&lock);
	int fd = eventfd(0, (flags & O_CLOEXEC) ? EFD_CLOEXEC : 0); // mshv_dev_open keeps no state
	if (fd >= MAX_FD) {
		real_close(fd);
		fd = fail(EMFILE);
	} else if (fd >= 0) {
		kinds[fd] = FD_DEVICE;
	}
	pthread_mutex_unlock(&lock);
	return fd;
}

EXPORT int ioctl(int fd, unsigned long request, ...)
{
	void *arg;
	SEAM_IOCTL_ARG(request, arg);
	pthread_mutex_lock(&lock);
	if (!is_fake(fd)) {
		pthread_mutex_unlock(&lock);
		return real_ioctl(fd, request, arg);
	}
	uint64_t user = (uint64_t)(uintptr_t)arg;
	int ret;
	switch (kinds[fd]) {
	case FD_DEVICE: ret = device_ioctl((unsigned int)request, user); break;
	case FD_PARTITION: ret = partition_ioctl(partition_of[fd], (unsigned int)request, user); break;
	default: ret = vp_ioctl(vp_of[fd], partition_of[fd], (unsigned int)request, user); break;
	}
	pthread_mutex_unlock(&lock);
	return ret < 0 ? fail(-ret) : ret;
}

static void put_partition(struct partition *p)
{
	if (--p->refs > 0)
		return;
	// destroy_partition: VPs, regions, routes go with the last reference.
	for (int i = 0; i < MSHV_MAX_VPS; ++i)
		if (p->vps[i]) {
			real_munmap(p->vps[i]->pages, MSHV_VP_MMAP_OFFSET_COUNT * PAGE);
			real_close(p->vps[i]->memfd);
			free(p->vps[i]);
			live_vps--;
		}
	free(p->routes);
	memset(p, 0, sizeof(*p));
}

EXPORT int close(int fd)
{
	pthread_mutex_lock(&lock);
	if (is_fake(fd)) {
		if (kinds[fd] == FD_PARTITION || kinds[fd] == FD_VP) // mshv_partition_release / mshv_vp_release
			put_partition(partition_of[fd]);
		kinds[fd] = FD_REAL;
		partition_of[fd] = 0;
		vp_of[fd] = 0;
	}
	int ret = real_close(fd);
	int error = errno;
	pthread_mutex_unlock(&lock);
	errno = error;
	return ret;
}

// mshv_vp_mmap: the page offset names the page; the device and partition fds have no .mmap (ENODEV).
EXPORT void *mmap(void *address, size_t length, int protection, int flags, int fd, off_t offset)
{
	pthread_mutex_lock(&lock);
	if (!is_fake(fd)) {
		pthread_mutex_unlock(&lock);
		return real_mmap(address, length, protection, flags, fd, offset);
	}
	void *result;
	long page = sysconf(_SC_PAGESIZE);
	if (kinds[fd] != FD_VP) {
		result = MAP_FAILED;
		errno = ENODEV;
	} else if (offset % page || offset / page >= MSHV_VP_MMAP_OFFSET_COUNT) {
		result = MAP_FAILED;
		errno = EINVAL;
	} else if (offset / page == MSHV_VP_MMAP_OFFSET_GHCB) { // only encrypted partitions have one
		result = MAP_FAILED;
		errno = ENODEV;
	} else {
		result = real_mmap(address, length, protection, flags, vp_of[fd]->memfd, (off_t)(offset / page * PAGE));
	}
	pthread_mutex_unlock(&lock);
	return result;
}

EXPORT int munmap(void *address, size_t length)
{
	return real_munmap(address, length);
}

// ---- Test controls and observations (mshv_up_*) ---------------------------------------------------------------

static struct partition *partition_for(int fd)
{
	return fd >= 0 && fd < MAX_FD && kinds[fd] != FD_REAL && kinds[fd] != FD_DEVICE ? partition_of[fd] : 0;
}

// 0 not ours, 1 device, 2 partition, 3 VP.
EXPORT int mshv_up_kind(int fd)
{
	pthread_mutex_lock(&lock);
	int kind = fd >= 0 && fd < MAX_FD ? kinds[fd] : FD_REAL;
	pthread_mutex_unlock(&lock);
	return kind;
}

EXPORT int mshv_up_live_partitions(void)
{
	int count = 0;
	pthread_mutex_lock(&lock);
	for (int i = 0; i < MAX_PARTITIONS; ++i)
		count += partitions[i].used;
	pthread_mutex_unlock(&lock);
	return count;
}

EXPORT int mshv_up_live_vps(void) { return live_vps; }
EXPORT int mshv_up_last_site(void) { return last_errno_site; }

// The create request as the driver decoded it: the v2 struct's bytes (v1 fields only unless the flag was set).
EXPORT int mshv_up_created(int partition_fd, unsigned char *out, int max)
{
	pthread_mutex_lock(&lock);
	struct partition *p = partition_for(partition_fd);
	int n = p ? (int)sizeof(p->created) : -1;
	if (p)
		memcpy(out, &p->created, (size_t)(n < max ? n : max));
	int v2 = p ? p->created_with_v2 : -1;
	pthread_mutex_unlock(&lock);
	return n < 0 ? -1 : v2;
}

EXPORT int mshv_up_initialized(int partition_fd)
{
	pthread_mutex_lock(&lock);
	struct partition *p = partition_for(partition_fd);
	int value = p ? p->initialized : -1;
	pthread_mutex_unlock(&lock);
	return value;
}

EXPORT uint64_t mshv_up_partition_id(int partition_fd)
{
	pthread_mutex_lock(&lock);
	struct partition *p = partition_for(partition_fd);
	uint64_t id = p ? p->id : 0;
	pthread_mutex_unlock(&lock);
	return id;
}

// Regions in use, as struct mshv_user_mem_region records (size, guest_pfn, userspace_addr, flags).
EXPORT int mshv_up_regions(int partition_fd, struct mshv_user_mem_region *out, int max)
{
	int count = 0;
	pthread_mutex_lock(&lock);
	struct partition *p = partition_for(partition_fd);
	for (int i = 0; p && i < MAX_REGIONS; ++i)
		if (p->regions[i].used) {
			if (count < max) {
				memset(&out[count], 0, sizeof(out[count]));
				out[count].size = p->regions[i].pages * PAGE;
				out[count].guest_pfn = p->regions[i].gfn;
				out[count].userspace_addr = p->regions[i].uaddr;
				out[count].flags = p->regions[i].flags;
			}
			count++;
		}
	pthread_mutex_unlock(&lock);
	return count;
}

// Reads guest memory the way the hypervisor would: through a mapped region, by guest physical address.
EXPORT int mshv_up_read_guest(int partition_fd, uint64_t gpa, unsigned char *out, int length)
{
	pthread_mutex_lock(&lock);
	struct partition *p = partition_for(partition_fd);
	struct region *r = p ? region_by_gfn(p, gpa / PAGE) : 0;
	int ret = r && gpa + (uint64_t)length <= (r->gfn + r->pages) * PAGE
		? copy_from_user(out, r->uaddr + (gpa - r->gfn * PAGE), (size_t)length) : -1;
	pthread_mutex_unlock(&lock);
	return ret;
}

EXPORT int mshv_up_irqfds(int partition_fd, struct mshv_user_irqfd *out, int max)
{
	int count = 0;
	pthread_mutex_lock(&lock);
	struct partition *p = partition_for(partition_fd);
	for (int i = 0; p && i < MAX_EVENTFDS; ++i)
		if (p->irqfds[i].used) {
			if (count < max)
				out[count] = (struct mshv_user_irqfd){ p->irqfds[i].fd, p->irqfds[i].resamplefd, p->irqfds[i].gsi, 0 };
			count++;
		}
	pthread_mutex_unlock(&lock);
	return count;
}

EXPORT int mshv_up_ioeventfds(int partition_fd, struct mshv_user_ioeventfd *out, int max)
{
	int count = 0;
	pthread_mutex_lock(&lock);
	struct partition *p = partition_for(partition_fd);
	for (int i = 0; p && i < MAX_EVENTFDS; ++i)
		if (p->ioeventfds[i].used) {
			struct ioeventfd *e = &p->ioeventfds[i];
			if (count < max) {
				memset(&out[count], 0, sizeof(out[count]));
				out[count].addr = e->addr;
				out[count].datamatch = e->datamatch;
				out[count].len = e->len;
				out[count].fd = e->fd;
				out[count].flags = e->wildcard ? 0 : 1u << MSHV_IOEVENTFD_BIT_DATAMATCH;
			}
			count++;
		}
	pthread_mutex_unlock(&lock);
	return count;
}

EXPORT int mshv_up_routes(int partition_fd, struct mshv_user_irq_entry *out, int max)
{
	pthread_mutex_lock(&lock);
	struct partition *p = partition_for(partition_fd);
	int count = p ? (int)p->route_count : -1;
	for (int i = 0; p && i < count && i < max; ++i)
		out[i] = p->routes[i];
	pthread_mutex_unlock(&lock);
	return count;
}

EXPORT void mshv_up_set_page_access(int partition_fd, uint64_t gfn, int accessed, int dirty)
{
	pthread_mutex_lock(&lock);
	struct partition *p = partition_for(partition_fd);
	if (p && gfn < sizeof(p->access_states))
		p->access_states[gfn] = (unsigned char)((accessed ? 1 : 0) | (dirty ? 2 : 0));
	pthread_mutex_unlock(&lock);
}

EXPORT int mshv_up_page_access(int partition_fd, uint64_t gfn)
{
	pthread_mutex_lock(&lock);
	struct partition *p = partition_for(partition_fd);
	int state = p && gfn < sizeof(p->access_states) ? p->access_states[gfn] : -1;
	pthread_mutex_unlock(&lock);
	return state;
}

EXPORT void mshv_up_script_hv_status(uint16_t status) { scripted_hv_status = status; }

// The last passthrough hypercall: its arguments as copied in, and the input page as the hypervisor saw it.
EXPORT int mshv_up_last_hvcall(struct mshv_root_hvcall *args, unsigned char *input, int max)
{
	pthread_mutex_lock(&lock);
	*args = last_hvcall;
	memcpy(input, last_hvcall_input, (size_t)(max < (int)PAGE ? max : (int)PAGE));
	int from_vp = last_hvcall_from_vp;
	pthread_mutex_unlock(&lock);
	return from_vp;
}

// Queues an intercept message for the VP behind vp_fd: the next MSHV_RUN_VP returns it.
EXPORT int mshv_up_queue_message(int vp_fd, const unsigned char *message, int length)
{
	pthread_mutex_lock(&lock);
	struct vp *vp = vp_fd >= 0 && vp_fd < MAX_FD && kinds[vp_fd] == FD_VP ? vp_of[vp_fd] : 0;
	int ok = vp && length <= HV_MESSAGE_SIZE && vp->queued - vp->delivered < MAX_MESSAGES;
	if (ok) {
		unsigned char *slot = vp->messages[vp->queued % MAX_MESSAGES];
		memset(slot, 0, HV_MESSAGE_SIZE);
		memcpy(slot, message, (size_t)length);
		vp->queued++;
	}
	pthread_mutex_unlock(&lock);
	return ok ? 0 : -1;
}

// The VP's pages as the hypervisor sees them (page = MSHV_VP_MMAP_OFFSET_*), read or written by the double.
EXPORT int mshv_up_vp_page(int vp_fd, int page, int offset, unsigned char *bytes, int length, int write)
{
	pthread_mutex_lock(&lock);
	struct vp *vp = vp_fd >= 0 && vp_fd < MAX_FD && kinds[vp_fd] == FD_VP ? vp_of[vp_fd] : 0;
	int ok = vp && page >= 0 && page < MSHV_VP_MMAP_OFFSET_COUNT && offset >= 0 && length >= 0
		&& offset + length <= (int)PAGE;
	if (ok) {
		unsigned char *at = vp->pages + (size_t)page * PAGE + offset;
		if (write)
			memcpy(at, bytes, (size_t)length);
		else
			memcpy(bytes, at, (size_t)length);
	}
	pthread_mutex_unlock(&lock);
	return ok ? 0 : -1;
}

EXPORT int mshv_up_vp_state(int vp_fd, int type, unsigned char *out, int max)
{
	pthread_mutex_lock(&lock);
	struct vp *vp = vp_fd >= 0 && vp_fd < MAX_FD && kinds[vp_fd] == FD_VP ? vp_of[vp_fd] : 0;
	int size = vp && type >= 0 && type < MSHV_VP_STATE_COUNT ? (int)state_size((uint8_t)type) : -1;
	if (size > 0)
		memcpy(out, vp->state[type], (size_t)(size < max ? size : max));
	pthread_mutex_unlock(&lock);
	return size;
}

EXPORT uint32_t mshv_up_vp_index(int vp_fd)
{
	pthread_mutex_lock(&lock);
	uint32_t index = vp_fd >= 0 && vp_fd < MAX_FD && kinds[vp_fd] == FD_VP ? vp_of[vp_fd]->index : UINT32_MAX;
	pthread_mutex_unlock(&lock);
	return index;
}

// Header values by name, for tests that must not hand-write them.
EXPORT int mshv_up_value(const char *name, uint64_t *value)
{
#define VALUE(macro) if (!strcmp(name, #macro)) { *value = (uint64_t)(macro); return 0; }
	VALUE(MSHV_CREATE_PARTITION) VALUE(MSHV_CHECK_EXTENSION) VALUE(MSHV_HV_PAGE_SIZE)
	VALUE(MSHV_MAX_VPS) VALUE(MSHV_MAX_GUEST_IRQS) VALUE(HV_MESSAGE_SIZE)
	VALUE(HVCALL_GET_PARTITION_PROPERTY) VALUE(HVCALL_SET_PARTITION_PROPERTY)
	VALUE(HV_STATUS_INVALID_PARAMETER) VALUE(HV_STATUS_ACCESS_DENIED) VALUE(HV_STATUS_INSUFFICIENT_MEMORY)
	VALUE(SITE_COPY_IN) VALUE(SITE_FLAGS_MASK) VALUE(SITE_ISOLATION) VALUE(SITE_V2_BANKS) VALUE(SITE_V2_RSVD)
	VALUE(SITE_VP_INDEX) VALUE(SITE_VP_EXISTS) VALUE(SITE_MEM_SIZE) VALUE(SITE_MEM_ALIGN) VALUE(SITE_MEM_RSVD)
	VALUE(SITE_MEM_OVERLAP) VALUE(SITE_MEM_NO_VMA) VALUE(SITE_MEM_NOT_FOUND) VALUE(SITE_MEM_MISMATCH)
	VALUE(SITE_EVENTFD_BAD) VALUE(SITE_IRQFD_BUSY) VALUE(SITE_IOEVENTFD_LEN) VALUE(SITE_IOEVENTFD_PIO)
	VALUE(SITE_IOEVENTFD_EXISTS) VALUE(SITE_IOEVENTFD_MISSING) VALUE(SITE_RSVD) VALUE(SITE_ROUTES_TOO_MANY)
	VALUE(SITE_GPAP_ARGS) VALUE(SITE_HVCALL_ARGS) VALUE(SITE_HVCALL_CODE) VALUE(SITE_HVCALL_ASYNC)
	VALUE(SITE_HVCALL_STATUS) VALUE(SITE_STATE_ARGS) VALUE(SITE_STATE_SMALL) VALUE(SITE_COPY_OUT)
	VALUE(SITE_NO_MESSAGE) VALUE(SITE_ENOTTY)
#undef VALUE
	return -1;
}
