/* SPDX-License-Identifier: GPL-2.0 WITH Linux-syscall-note */
#ifndef _UAPI_LINUX_MSHV_H
#define _UAPI_LINUX_MSHV_H

/*
 * Userspace interfaces for /dev/mshv* devices and derived fds
 * Microsoft Hypervisor root partition driver
 */

#include <linux/types.h>
#include <asm/hyperv-tlfs.h>

#define MSHV_VERSION	0x0

struct mshv_create_partition {
	__u64 flags;
	struct hv_partition_creation_properties partition_creation_properties;
	union hv_partition_synthetic_processor_features synthetic_processor_features;
};

#define MSHV_IOCTL 0xB8

/* mshv device */
#define MSHV_REQUEST_VERSION	_IOW(MSHV_IOCTL, 0x00, __u32)
#define MSHV_CREATE_PARTITION	_IOW(MSHV_IOCTL, 0x01, struct mshv_create_partition)

#endif
