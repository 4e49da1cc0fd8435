/*
 * robotics_dds: a raw-CDR sertype/serdata for Cyclone DDS 0.10 (ROS2_WIRE.md, "Binding from C#").
 *
 * Cyclone never looks inside the samples of a topic created here: a sample is an opaque, whole CDR message
 * including its 4-byte encapsulation header, and (de)serialization is the caller's job (C#, generated from .msg).
 * The topic is keyless (one instance), allows XCDR1 only and advertises no type information, so it matches
 * any other endpoint by topic name + type name, exactly as rmw_cyclonedds does.
 *
 * Writing: dds_write (writer, &raw) / dds_write_ts (writer, &raw, ts) with an rdds_raw_t; the bytes are copied.
 * Reading: rdds_take, then rdds_release (sample.serdata) for every sample it returned.
 *
 * Build against the exact headers of the libddsc that is loaded, with -std=gnu11.
 */
#ifndef ROBOTICS_DDS_H
#define ROBOTICS_DDS_H

#include <stdint.h>
#include "dds/dds.h"

#if defined(__cplusplus)
extern "C" {
#endif

#if defined(ROBOTICS_DDS_BUILD)
#define RDDS_API __attribute__((visibility("default")))
#else
#define RDDS_API
#endif

/* Version of this binary interface (structs and functions below); bumped on any incompatible change. */
#define RDDS_ABI_VERSION 1u

/* A whole CDR message incl. its 4-byte encapsulation header: the sample type for dds_write/dds_write_ts
   (size >= 4 required, else dds_write fails with DDS_RETCODE_BAD_PARAMETER). When Cyclone itself turns a
   sample into this type (dds_take/dds_read with loans, not used by C#), `data` is malloc'd by the shim and
   freed by the sertype's free_samples. */
typedef struct rdds_raw {
  const uint8_t *data;
  uint32_t size;
} rdds_raw_t;

/* One taken sample. data/size point into `serdata` and stay valid until rdds_release (serdata); data is
   8-byte aligned. size is what arrived: from the local process exactly what was written; over the network a
   sample sent unfragmented (one DATA submessage, 4-aligned by RTPS) arrives padded with zeros up to a multiple
   of 4, a fragmented one (DATA_FRAG carries the sample size) arrives exact. CDR readers ignore trailing padding
   (Cyclone's own serializer also records the pad count in the low bits of the options bytes, data[2..3]).
   flags: reserved, 0. */
typedef struct rdds_sample {
  void *serdata;
  const uint8_t *data;
  uint32_t size;
  uint32_t flags;
  int64_t source_timestamp;
  uint64_t publication_handle;
} rdds_sample_t;

/* Returns RDDS_ABI_VERSION. */
RDDS_API uint32_t rdds_abi_version (void);

/* Creates (or finds the interned) raw-CDR sertype for type_name and the topic. Returns the topic entity or a
   negative dds_return_t; frees the sertype when dds_create_topic_sertype fails (it takes ownership only on
   success). */
RDDS_API dds_entity_t rdds_create_topic (dds_entity_t participant, const char *topic_name, const char *type_name, const dds_qos_t *qos);

/* dds_takecdr of up to max samples (reader or read/query condition); samples without valid data
   (dispose/unregister) are released here and not returned. Returns how many valid samples were written to
   `samples` (0..max) or a negative dds_return_t (only when nothing was taken). */
RDDS_API int32_t rdds_take (dds_entity_t reader, rdds_sample_t *samples, uint32_t max);

/* Releases a sample returned by rdds_take (its `serdata`); NULL is ignored. */
RDDS_API void rdds_release (void *serdata);

#if defined(__cplusplus)
}
#endif

#endif /* ROBOTICS_DDS_H */
