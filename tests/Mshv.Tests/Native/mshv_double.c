// SPDX-License-Identifier: MIT
// A user-space double of the seed mshv driver (virt/mshv/mshv_main.c of "[RFC PATCH 05/18] virt/mshv: create
// partition ioctl"), loaded by the tests in place of libc for Mshv.Bindings (docs/runtime-seam.md).
//
// open/ioctl/close on the fake device path, and on the partition descriptors it hands out, follow the seed
// driver; every other path and descriptor is forwarded to the real C library, so /dev/kvm still works.
// Fake descriptors are real eventfds, so the process's descriptor table counts them like the real thing.
// The structs come from the vendored headers: the C compiler decides every layout here, never the tests.
//
// Built by the test run with: cc -shared -fPIC -I headers -I <generated> -include linux/ioctl.h
// <generated>/mshv_double_fields.h lists the bitfield members the C# bindings expose (from reflection), so a
// name C# has and C lacks fails this compilation.

#define _GNU_SOURCE
#include <dlfcn.h>
#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <stdarg.h>
#include <stdint.h>
#include <string.h>
#include <sys/eventfd.h>
#include <sys/mman.h>
#include <sys/uio.h>
#include <time.h>
#include <unistd.h>

#include <linux/mshv.h>
#include "libc_seam.h"
#include <asm-generic/hyperv-tlfs.h> // the creation flags; linux/mshv.h does not include it
#include "mshv_double_fields.h"
#include "evdev_double.h" // a fake evdev device, for function-like request macros (EVIOCGNAME(len))

#define EXPORT __attribute__((visibility("default")))

// Kernel-private values of the seed driver; the uapi headers do not carry them.
#define MSHV_INVALID_VERSION 0xFFFFFFFFu // virt/mshv/mshv_main.c
#define MSHV_MAX_PARTITIONS 128          // include/linux/mshv.h
#define ENOTSUPP 524                     // include/linux/errno.h (kernel-internal, leaks to user space)

#define MAX_FD 65536

enum fd_kind { FD_REAL = 0, FD_DEVICE, FD_PARTITION, FD_EVDEV };

static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t gate_changed = PTHREAD_COND_INITIALIZER;

static unsigned char kinds[MAX_FD];
static uint32_t versions[MAX_FD];      // per device open: filp->private_data
static int slot_of[MAX_FD];            // partition fd -> index in partitions
static int partitions[MSHV_MAX_PARTITIONS]; // mshv.partitions.array (fd + 1, 0 = free)
static uint64_t partition_count;        // mshv.partitions.count

static const char device_path[] = "/dev/mshv"; // the only path the double serves
static int fail_next_open;
static int last_open_flags;

static struct mshv_create_partition last_create;
static int creates_decoded;

static int gate_armed, gate_entered;


// What this double does not serve goes to the next layer: the C library, or (built with -DMSHV_DOUBLE_NEXT=path) the
// double of the upstream driver, which serves /dev/mshv while route_device_to_next is set and forwards the rest.
static int route_device_to_next;

__attribute__((constructor)) static void resolve_real_libc(void)
{
#ifdef MSHV_DOUBLE_NEXT
	resolve_next_layer(MSHV_DOUBLE_NEXT);
#else
	resolve_next_layer(NULL);
#endif
}

// copy_from_user: a bad user pointer must give EFAULT, not a crash, exactly as in the kernel.
static int copy_from_user(void *to, const void *from, size_t n)
{
	struct iovec local = { to, n };
	struct iovec remote = { (void *)from, n };
	return process_vm_readv(getpid(), &local, 1, &remote, 1, 0) == (ssize_t)n ? 0 : -1;
}

static int fail(int error)
{
	errno = error;
	return -1;
}

static int is_fake(int fd)
{
	return fd >= 0 && fd < MAX_FD && kinds[fd] != FD_REAL;
}

EXPORT int open(const char *path, int flags, ...)
{
	mode_t mode;
	SEAM_OPEN_MODE(flags, mode);
	if (strcmp(path, evdev_double_path) == 0) {
		int fd = eventfd(0, (flags & O_CLOEXEC) ? EFD_CLOEXEC : 0);
		if (fd >= 0 && fd < MAX_FD)
			kinds[fd] = FD_EVDEV;
		return fd;
	}
	if (strcmp(path, device_path) != 0 || __atomic_load_n(&route_device_to_next, __ATOMIC_SEQ_CST))
		return real_open(path, flags, mode);

	pthread_mutex_lock(&lock);
	last_open_flags = flags;
	if (fail_next_open) {
		int error = fail_next_open;
		fail_next_open = 0;
		pthread_mutex_unlock(&lock);
		return fail(error);
	}
	int fd = eventfd(0, (flags & O_CLOEXEC) ? EFD_CLOEXEC : 0);
	if (fd >= MAX_FD) {
		real_close(fd);
		pthread_mutex_unlock(&lock);
		return fail(EMFILE);
	}
	if (fd >= 0) {
		kinds[fd] = FD_DEVICE;
		versions[fd] = MSHV_INVALID_VERSION; // mshv_dev_open
	}
	pthread_mutex_unlock(&lock);
	return fd;
}

// add_partition: the seed's 128-slot table.
static int add_partition(int fd)
{
	if (partition_count >= MSHV_MAX_PARTITIONS)
		return -ENOSPC;
	int i;
	for (i = 0; i < MSHV_MAX_PARTITIONS; ++i)
		if (!partitions[i])
			break;
	partition_count++;
	partitions[i] = fd + 1;
	slot_of[fd] = i;
	kinds[fd] = FD_PARTITION;
	return 0;
}

static int create_partition(void *user_arg)
{
	struct mshv_create_partition args;
	if (copy_from_user(&args, user_arg, sizeof(args)))
		return -EFAULT;
	last_create = args;
	creates_decoded++;

	// The seed reserves the descriptor before add_partition and, on ENOSPC, releases the file (which already
	// kfree()s the partition via destroy_partition) and then kfree()s it again: a double free the double
	// does not reproduce. User space only sees ENOSPC either way.
	int fd = eventfd(0, EFD_CLOEXEC); // get_unused_fd_flags(O_CLOEXEC)
	if (fd < 0)
		return -errno;
	if (fd >= MAX_FD) {
		real_close(fd);
		return -EMFILE;
	}
	int ret = add_partition(fd);
	if (ret) {
		real_close(fd);
		return ret;
	}
	return fd;
}

static int request_version(uint32_t *version, void *user_arg)
{
	uint32_t arg;
	if (copy_from_user(&arg, user_arg, sizeof(arg)))
		return -EFAULT;
	if (arg == MSHV_VERSION) { // supported_versions[] = { MSHV_CURRENT_VERSION }
		*version = arg;
		return 0;
	}
	return -ENOTSUPP;
}

static int device_ioctl(int fd, unsigned int ioctl, void *arg)
{
	uint32_t *version = &versions[fd];
	if (ioctl == MSHV_REQUEST_VERSION) {
		if (*version != MSHV_INVALID_VERSION)
			return -EBADFD;
		return request_version(version, arg);
	}
	if (*version == MSHV_INVALID_VERSION)
		return -EBADFD;
	switch (ioctl) {
	case MSHV_CREATE_PARTITION:
		return create_partition(arg);
	}
	return -ENOTTY;
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
	if (gate_armed && kinds[fd] == FD_DEVICE) {
		gate_entered = 1;
		pthread_cond_broadcast(&gate_changed);
		while (gate_armed)
			pthread_cond_wait(&gate_changed, &lock);
	}
	int ret = kinds[fd] == FD_DEVICE ? device_ioctl(fd, (unsigned int)request, arg)
		: kinds[fd] == FD_EVDEV ? evdev_double_ioctl(request, arg)
		: -ENOTTY; // mshv_partition_ioctl
	pthread_mutex_unlock(&lock);
	return ret < 0 ? fail(-ret) : ret;
}

EXPORT int close(int fd)
{
	pthread_mutex_lock(&lock);
	if (is_fake(fd)) {
		if (kinds[fd] == FD_PARTITION) { // mshv_partition_release -> destroy_partition
			partitions[slot_of[fd]] = 0;
			partition_count--;
		}
		kinds[fd] = FD_REAL;
	}
	int ret = real_close(fd);
	int error = errno;
	pthread_mutex_unlock(&lock);
	errno = error;
	return ret;
}

// mmap/munmap: the runtime imports them through "libc" too. The seed's file_operations have no .mmap, so the
// kernel would answer ENODEV for a fake descriptor; the eventfd behind it answers exactly that when forwarded.
EXPORT void *mmap(void *address, size_t length, int protection, int flags, int fd, off_t offset)
{
	return real_mmap(address, length, protection, flags, fd, offset);
}

EXPORT int munmap(void *address, size_t length)
{
	return real_munmap(address, length);
}

// ---- Test controls and observations -------------------------------------------------------------------

// While set, open("/dev/mshv") reaches the next layer (the upstream driver's double) instead of this one.
EXPORT void mshv_double_route_device_to_next(int on)
{
	__atomic_store_n(&route_device_to_next, on, __ATOMIC_SEQ_CST);
}

EXPORT void mshv_double_fail_next_open(int error)
{
	pthread_mutex_lock(&lock);
	fail_next_open = error;
	pthread_mutex_unlock(&lock);
}

EXPORT int mshv_double_last_open_was_rdwr_cloexec(void)
{
	return (last_open_flags & O_ACCMODE) == O_RDWR && (last_open_flags & O_CLOEXEC);
}

// 1 device, 2 partition, 0 not a descriptor of the double.
EXPORT int mshv_double_kind(int fd)
{
	pthread_mutex_lock(&lock);
	int kind = fd >= 0 && fd < MAX_FD ? kinds[fd] : FD_REAL;
	pthread_mutex_unlock(&lock);
	return kind;
}

EXPORT int mshv_double_partition_count(void)
{
	pthread_mutex_lock(&lock);
	int count = (int)partition_count;
	pthread_mutex_unlock(&lock);
	return count;
}

EXPORT int mshv_double_max_partitions(void) { return MSHV_MAX_PARTITIONS; }
EXPORT int mshv_double_creates_decoded(void) { return creates_decoded; }
EXPORT uint64_t mshv_double_last_flags(void) { return last_create.flags; }
EXPORT int mshv_double_enotsupp(void) { return ENOTSUPP; }

// Flag macros by name, as the headers define them.
EXPORT int mshv_double_flag_value(const char *name, uint64_t *value)
{
#define FLAG(macro) if (!strcmp(name, #macro)) { *value = macro; return 0; }
	FLAG(HV_PARTITION_CREATION_FLAG_SMT_ENABLED_GUEST)
	FLAG(HV_PARTITION_CREATION_FLAG_GPA_LARGE_PAGES_DISABLED)
	FLAG(HV_PARTITION_CREATION_FLAG_GPA_SUPER_PAGES_ENABLED)
	FLAG(HV_PARTITION_CREATION_FLAG_LAPIC_ENABLED)
#undef FLAG
	return -1;
}

// Bitfield records, selected by `which`: 0 disabled_processor_features, 1 disabled_processor_xsave_features.
typedef union hv_partition_processor_features features_t;
typedef union hv_partition_processor_xsave_features xsave_t;

#define NAME(field) #field,
static const char *feature_names[] = { MSHV_DOUBLE_FEATURE_FIELDS(NAME) };
static const char *xsave_names[] = { MSHV_DOUBLE_XSAVE_FIELDS(NAME) };
#undef NAME

static int field_count(int which)
{
	return which == 0 ? (int)(sizeof(feature_names) / sizeof(*feature_names))
			  : (int)(sizeof(xsave_names) / sizeof(*xsave_names));
}

// Reads (set == 0) or writes member `index` of the record at `record`.
static uint64_t access_field(int which, void *record, int index, int set, uint64_t value)
{
	int i = 0;
#define ACCESS(field) \
	if (i++ == index) { if (set) r->field = value; return r->field; }
	if (which == 0) {
		features_t *r = record;
		MSHV_DOUBLE_FEATURE_FIELDS(ACCESS)
	} else {
		xsave_t *r = record;
		MSHV_DOUBLE_XSAVE_FIELDS(ACCESS)
	}
#undef ACCESS
	return 0;
}

static void *last_record(int which)
{
	return which == 0 ? (void *)&last_create.partition_creation_properties.disabled_processor_features
			  : (void *)&last_create.partition_creation_properties.disabled_processor_xsave_features;
}

static int record_size(int which) { return which == 0 ? sizeof(features_t) : sizeof(xsave_t); }

// Indices of the set bits of a record, bit i being bit (i % 8) of byte (i / 8) (little-endian words).
static int set_bits(const void *record, int size, int *out, int max)
{
	const unsigned char *bytes = record;
	int count = 0;
	for (int bit = 0; bit < size * 8; ++bit)
		if (bytes[bit / 8] & (1u << (bit % 8))) {
			if (count < max)
				out[count] = bit;
			count++;
		}
	return count;
}

EXPORT int mshv_double_record_size(int which) { return record_size(which); }
EXPORT int mshv_double_field_count(int which) { return field_count(which); }

EXPORT const char *mshv_double_field_name(int which, int index)
{
	if (index < 0 || index >= field_count(which))
		return 0;
	return which == 0 ? feature_names[index] : xsave_names[index];
}

// Where C puts a member: set it to all ones in a zeroed record and look.
EXPORT int mshv_double_field_bits(int which, int index, int *out, int max)
{
	features_t scratch;
	memset(&scratch, 0, sizeof(scratch));
	access_field(which, &scratch, index, 1, ~0ULL);
	return set_bits(&scratch, record_size(which), out, max);
}

// What the double decoded from the last MSHV_CREATE_PARTITION.
EXPORT uint64_t mshv_double_last_field_value(int which, int index)
{
	pthread_mutex_lock(&lock);
	uint64_t value = access_field(which, last_record(which), index, 0, 0);
	pthread_mutex_unlock(&lock);
	return value;
}

EXPORT int mshv_double_last_set_bits(int which, int *out, int max)
{
	pthread_mutex_lock(&lock);
	int count = set_bits(last_record(which), record_size(which), out, max);
	pthread_mutex_unlock(&lock);
	return count;
}

// A gate that holds the next device ioctl inside the "driver", to test disposal during an in-flight call.
EXPORT void mshv_double_arm_gate(void)
{
	pthread_mutex_lock(&lock);
	gate_armed = 1;
	gate_entered = 0;
	pthread_mutex_unlock(&lock);
}

EXPORT int mshv_double_wait_gate_entered(int timeout_ms)
{
	struct timespec deadline;
	clock_gettime(CLOCK_REALTIME, &deadline);
	deadline.tv_sec += timeout_ms / 1000;
	deadline.tv_nsec += (long)(timeout_ms % 1000) * 1000000L;
	if (deadline.tv_nsec >= 1000000000L) {
		deadline.tv_sec++;
		deadline.tv_nsec -= 1000000000L;
	}
	pthread_mutex_lock(&lock);
	while (!gate_entered)
		if (pthread_cond_timedwait(&gate_changed, &lock, &deadline))
			break;
	int entered = gate_entered;
	pthread_mutex_unlock(&lock);
	return entered;
}

EXPORT void mshv_double_release_gate(void)
{
	pthread_mutex_lock(&lock);
	gate_armed = 0;
	pthread_cond_broadcast(&gate_changed);
	pthread_mutex_unlock(&lock);
}
