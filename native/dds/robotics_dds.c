/*
 * robotics_dds: a keyless raw-CDR ddsi_sertype + ddsi_serdata for Cyclone DDS 0.10 (see robotics_dds.h).
 *
 * A serdata is one malloc: the Cyclone header, the size, and the CDR bytes (incl. the 4-byte encapsulation
 * header) padded with zeros up to a multiple of 4, so that to_ser/to_ser_ref over [size, alignup4(size)) —
 * which Cyclone does when it puts an unaligned sample into a 4-aligned RTPS submessage — reads defined bytes.
 *
 * Keys: the topic is keyless (DDSI_SERTYPE_FLAG_TOPICKIND_NO_KEY), so every sample belongs to the one instance:
 * eqkey is always true, the keyhash is 16 zero bytes and a KEY serdata (dispose/unregister, untyped tkmap entry)
 * carries only an encapsulation header (the empty key).
 */
#define ROBOTICS_DDS_BUILD 1
#include "robotics_dds.h"

#include <stdbool.h>
#include <inttypes.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "dds/dds.h"
#include "dds/ddsi/ddsi_sertype.h"
#include "dds/ddsi/ddsi_serdata.h"
#include "dds/ddsi/ddsi_keyhash.h"
#include "dds/ddsi/q_radmin.h"

/* The C# mirrors (Robotics.Middleware.Dds/Interop/DdsStructs.cs) rely on these layouts (LP64). */
_Static_assert (sizeof (rdds_raw_t) == 16 && offsetof (rdds_raw_t, size) == 8, "rdds_raw_t layout");
_Static_assert (sizeof (rdds_sample_t) == 40 && offsetof (rdds_sample_t, data) == 8 && offsetof (rdds_sample_t, size) == 16 &&
                offsetof (rdds_sample_t, flags) == 20 && offsetof (rdds_sample_t, source_timestamp) == 24 &&
                offsetof (rdds_sample_t, publication_handle) == 32, "rdds_sample_t layout");

/* Largest sample accepted: its padded size must still fit in the uint32_t Cyclone uses for sizes. */
#define RDDS_MAX_SIZE (UINT32_MAX - 3u)

struct rdds_serdata {
  struct ddsi_serdata c;
  uint32_t size;                                 /* get_size: CDR bytes incl. encapsulation header */
  uint32_t padded;                               /* alignup4 (size): bytes allocated in data[] */
  unsigned char data[] __attribute__ ((aligned (8)));
};

static const struct ddsi_serdata_ops rdds_serdata_ops;
static const struct ddsi_sertype_ops rdds_sertype_ops;

static inline uint32_t align4 (uint32_t x)
{
  return (x + 3u) & ~3u;
}

static inline const struct rdds_serdata *cserdata (const struct ddsi_serdata *d)
{
  return (const struct rdds_serdata *) d;
}

/* A new serdata of `size` payload bytes (contents uninitialised except the zero padding), refcount 1. */
static struct rdds_serdata *serdata_new (const struct ddsi_sertype *type, enum ddsi_serdata_kind kind, size_t size)
{
  if (size > RDDS_MAX_SIZE)
    return NULL;
  const uint32_t padded = align4 ((uint32_t) size);
  struct rdds_serdata *d = malloc (sizeof (*d) + padded);
  if (d == NULL)
    return NULL;
  ddsi_serdata_init (&d->c, type, kind);
  d->c.hash = type->serdata_basehash;
  d->size = (uint32_t) size;
  d->padded = padded;
  if (padded > d->size)
    memset (d->data + d->size, 0, padded - d->size);
  return d;
}

/* The serialized key of a keyless type is empty, but on the wire it is still a payload: just the encapsulation
   header (CDR little-endian). A DATA submessage with the key flag and no payload is malformed to every receiver
   (Cyclone drops the whole packet), which would stall a reliable writer on its first dispose/unregister. */
static const unsigned char rdds_key_payload[4] = { 0x00, 0x01, 0x00, 0x00 };

static struct rdds_serdata *serdata_new_key_typed (const struct ddsi_sertype *type)
{
  struct rdds_serdata *d = serdata_new (type, SDK_KEY, sizeof (rdds_key_payload));
  if (d != NULL)
    memcpy (d->data, rdds_key_payload, sizeof (rdds_key_payload));
  return d;
}

static struct ddsi_serdata *serdata_new_key (const struct ddsi_sertype *type)
{
  struct rdds_serdata *d = serdata_new_key_typed (type);
  return d ? &d->c : NULL;
}

/* ---- serdata ops ---- */

static bool sd_eqkey (const struct ddsi_serdata *a, const struct ddsi_serdata *b)
{
  (void) a;
  (void) b;
  return true;
}

static uint32_t sd_get_size (const struct ddsi_serdata *d)
{
  return cserdata (d)->size;
}

static void sd_free (struct ddsi_serdata *d)
{
  free (d);
}

/* The received sample as a chain of fragments sorted by start offset ([min, maxp1) relative to the sample,
   the first one starting at 0 and containing the encapsulation header). Fragments may overlap, so copy only
   what lies beyond what has been copied so far. A gap or a short chain means a broken sample: drop it. */
static struct ddsi_serdata *sd_from_ser (const struct ddsi_sertype *type, enum ddsi_serdata_kind kind, const struct nn_rdata *fragchain, size_t size)
{
  if (kind != SDK_DATA)
    return serdata_new_key (type);
  struct rdds_serdata *d = serdata_new (type, SDK_DATA, size);
  if (d == NULL)
    return NULL;
  uint32_t done = 0;
  for (const struct nn_rdata *frag = fragchain; frag != NULL && done < d->size; frag = frag->nextfrag)
  {
    if (frag->min > done)
      break;
    if (frag->maxp1 <= done)
      continue;
    const uint32_t end = frag->maxp1 < d->size ? frag->maxp1 : d->size;
    const unsigned char *payload = NN_RMSG_PAYLOADOFF (frag->rmsg, NN_RDATA_PAYLOAD_OFF (frag));
    memcpy (d->data + done, payload + (done - frag->min), end - done);
    done = end;
  }
  if (done != d->size)
  {
    free (d);
    return NULL;
  }
  return &d->c;
}

static struct ddsi_serdata *sd_from_ser_iov (const struct ddsi_sertype *type, enum ddsi_serdata_kind kind, ddsrt_msg_iovlen_t niov, const ddsrt_iovec_t *iov, size_t size)
{
  if (kind != SDK_DATA)
    return serdata_new_key (type);
  struct rdds_serdata *d = serdata_new (type, SDK_DATA, size);
  if (d == NULL)
    return NULL;
  size_t done = 0;
  for (ddsrt_msg_iovlen_t i = 0; i < niov && done < size; i++)
  {
    size_t n = (size_t) iov[i].iov_len;
    if (n > size - done)
      n = size - done;
    if (n > 0)
    {
      if (iov[i].iov_base == NULL)
        break;
      memcpy (d->data + done, iov[i].iov_base, n);
      done += n;
    }
  }
  if (done != size)
  {
    free (d);
    return NULL;
  }
  return &d->c;
}

static struct ddsi_serdata *sd_from_keyhash (const struct ddsi_sertype *type, const struct ddsi_keyhash *keyhash)
{
  (void) keyhash;
  return serdata_new_key (type);
}

/* Writing: the sample is a const rdds_raw_t *; its bytes are copied. A DATA sample needs at least the 4-byte
   encapsulation header (NULL here makes dds_write fail with BAD_PARAMETER). */
static struct ddsi_serdata *sd_from_sample (const struct ddsi_sertype *type, enum ddsi_serdata_kind kind, const void *sample)
{
  if (kind != SDK_DATA)
    return serdata_new_key (type);
  const rdds_raw_t *raw = sample;
  if (raw == NULL || raw->data == NULL || raw->size < 4 || raw->size > RDDS_MAX_SIZE)
    return NULL;
  struct rdds_serdata *d = serdata_new (type, SDK_DATA, raw->size);
  if (d == NULL)
    return NULL;
  memcpy (d->data, raw->data, raw->size);
  return &d->c;
}

/* Cyclone asks for 0 <= off < off + sz <= alignup4 (size); anything outside what we hold reads as zeros. */
static void sd_to_ser (const struct ddsi_serdata *dcmn, size_t off, size_t sz, void *buf)
{
  const struct rdds_serdata *d = cserdata (dcmn);
  size_t n = 0;
  if (off < d->padded)
    n = (sz <= d->padded - off) ? sz : d->padded - off;
  if (n > 0)
    memcpy (buf, d->data + off, n);
  if (n < sz)
    memset ((unsigned char *) buf + n, 0, sz - n);
}

static struct ddsi_serdata *sd_to_ser_ref (const struct ddsi_serdata *dcmn, size_t off, size_t sz, ddsrt_iovec_t *ref)
{
  const struct rdds_serdata *d = cserdata (dcmn);
  if (off > d->padded)
    off = d->padded;
  if (sz > d->padded - off)
    sz = d->padded - off;
  ref->iov_base = (void *) (d->data + off);
  ref->iov_len = (ddsrt_iov_len_t) sz;
  return ddsi_serdata_ref (dcmn);
}

static void sd_to_ser_unref (struct ddsi_serdata *d, const ddsrt_iovec_t *ref)
{
  (void) ref;
  ddsi_serdata_unref (d);
}

/* The sample is an rdds_raw_t whose data we malloc'd (or NULL): reuse/replace it, never leak it. Cyclone hands
   us either zeroed samples or ones we filled before (loaned buffers are reused across reads). */
static bool raw_assign (rdds_raw_t *raw, const unsigned char *bytes, uint32_t size)
{
  if (size == 0)
  {
    free ((void *) raw->data);
    raw->data = NULL;
    raw->size = 0;
    return true;
  }
  void *p = realloc ((void *) raw->data, size);
  if (p == NULL)
    return false; /* raw keeps its previous (still owned) contents */
  memcpy (p, bytes, size);
  raw->data = p;
  raw->size = size;
  return true;
}

static bool sd_to_sample (const struct ddsi_serdata *dcmn, void *sample, void **bufptr, void *buflim)
{
  (void) bufptr;
  (void) buflim;
  const struct rdds_serdata *d = cserdata (dcmn);
  if (sample == NULL)
    return false;
  return raw_assign (sample, d->data, d->c.kind == SDK_DATA ? d->size : 0);
}

/* Untyped serdata (the tkmap's per-instance key): just the (empty) key; type NULL by convention. */
static struct ddsi_serdata *sd_to_untyped (const struct ddsi_serdata *dcmn)
{
  if (dcmn->type == NULL)
    return ddsi_serdata_ref (dcmn); /* already untyped: nothing but the (empty) key */
  struct rdds_serdata *d = serdata_new_key_typed (dcmn->type);
  if (d == NULL)
    return NULL;
  d->c.type = NULL;
  return &d->c;
}

static bool sd_untyped_to_sample (const struct ddsi_sertype *type, const struct ddsi_serdata *d, void *sample, void **bufptr, void *buflim)
{
  (void) type;
  (void) d;
  (void) bufptr;
  (void) buflim;
  if (sample == NULL)
    return false;
  return raw_assign (sample, NULL, 0);
}

static size_t sd_print (const struct ddsi_sertype *type, const struct ddsi_serdata *dcmn, char *buf, size_t bufsize)
{
  (void) type;
  const struct rdds_serdata *d = cserdata (dcmn);
  int n = snprintf (buf, bufsize, "raw-cdr %s %" PRIu32 " bytes", d->c.kind == SDK_DATA ? "data" : "key", d->size);
  return n < 0 ? 0 : (size_t) n;
}

static void sd_get_keyhash (const struct ddsi_serdata *d, struct ddsi_keyhash *buf, bool force_md5)
{
  (void) d;
  (void) force_md5;
  memset (buf->value, 0, sizeof (buf->value));
}

static const struct ddsi_serdata_ops rdds_serdata_ops = {
  .eqkey = sd_eqkey,
  .get_size = sd_get_size,
  .from_ser = sd_from_ser,
  .from_ser_iov = sd_from_ser_iov,
  .from_keyhash = sd_from_keyhash,
  .from_sample = sd_from_sample,
  .to_ser = sd_to_ser,
  .to_ser_ref = sd_to_ser_ref,
  .to_ser_unref = sd_to_ser_unref,
  .to_sample = sd_to_sample,
  .to_untyped = sd_to_untyped,
  .untyped_to_sample = sd_untyped_to_sample,
  .free = sd_free,
  .print = sd_print,
  .get_keyhash = sd_get_keyhash,
#ifdef DDS_HAS_SHM
  .get_sample_size = NULL,
  .from_iox_buffer = NULL,
#endif
};

/* ---- sertype ops ---- */

static void st_free (struct ddsi_sertype *tp)
{
  ddsi_sertype_fini (tp);
  free (tp);
}

static void st_zero_samples (const struct ddsi_sertype *tp, void *samples, size_t count)
{
  (void) tp;
  if (samples != NULL && count > 0)
    memset (samples, 0, count * sizeof (rdds_raw_t));
}

/* Samples form one contiguous array (ptrs[i] = &array[i]), as Cyclone's own sertypes do. */
static void st_realloc_samples (void **ptrs, const struct ddsi_sertype *tp, void *old, size_t oldcount, size_t count)
{
  (void) tp;
  rdds_raw_t *arr = old;
  if (arr == NULL)
    oldcount = 0;
  for (size_t i = count; i < oldcount; i++)
  {
    free ((void *) arr[i].data);
    arr[i].data = NULL;
    arr[i].size = 0;
  }
  rdds_raw_t *n;
  if (count == oldcount)
    n = old;
  else if (count == 0)
  {
    free (old);
    n = NULL;
  }
  else if (count > SIZE_MAX / sizeof (rdds_raw_t))
    n = NULL;
  else
    n = realloc (old, count * sizeof (rdds_raw_t));
  if (n == NULL && count > 0)
  {
    for (size_t i = 0; i < count; i++)
      ptrs[i] = NULL;
    return;
  }
  if (count > oldcount)
    memset (n + oldcount, 0, (count - oldcount) * sizeof (rdds_raw_t));
  for (size_t i = 0; i < count; i++)
    ptrs[i] = &n[i];
}

static void st_free_samples (const struct ddsi_sertype *tp, void **ptrs, size_t count, dds_free_op_t op)
{
  (void) tp;
  if (ptrs == NULL || count == 0 || ptrs[0] == NULL)
    return;
  rdds_raw_t *arr = ptrs[0];
  if (op & DDS_FREE_CONTENTS_BIT)
  {
    for (size_t i = 0; i < count; i++)
    {
      free ((void *) arr[i].data);
      arr[i].data = NULL;
      arr[i].size = 0;
    }
  }
  if (op & DDS_FREE_ALL_BIT)
    free (arr);
}

static bool st_equal (const struct ddsi_sertype *a, const struct ddsi_sertype *b)
{
  /* Cyclone already compared the ops, type name and keyless flag: nothing else distinguishes ours. */
  (void) a;
  (void) b;
  return true;
}

static uint32_t st_hash (const struct ddsi_sertype *tp)
{
  (void) tp;
  return 0;
}

static const struct ddsi_sertype_ops rdds_sertype_ops = {
  .version = ddsi_sertype_v0,
  .arg = NULL,
  .free = st_free,
  .zero_samples = st_zero_samples,
  .realloc_samples = st_realloc_samples,
  .free_samples = st_free_samples,
  .equal = st_equal,
  .hash = st_hash,
  .type_id = NULL,
  .type_map = NULL,
  .type_info = NULL,
  .derive_sertype = NULL,
  .get_serialized_size = NULL,
  .serialize_into = NULL,
};

/* ---- public API ---- */

RDDS_API uint32_t rdds_abi_version (void)
{
  return RDDS_ABI_VERSION;
}

RDDS_API dds_entity_t rdds_create_topic (dds_entity_t participant, const char *topic_name, const char *type_name, const dds_qos_t *qos)
{
  if (topic_name == NULL || type_name == NULL || type_name[0] == '\0')
    return DDS_RETCODE_BAD_PARAMETER;
  struct ddsi_sertype *st = calloc (1, sizeof (*st));
  if (st == NULL)
    return DDS_RETCODE_OUT_OF_RESOURCES;
  ddsi_sertype_init_flags (st, type_name, &rdds_sertype_ops, &rdds_serdata_ops, DDSI_SERTYPE_FLAG_TOPICKIND_NO_KEY);
  st->allowed_data_representation = DDS_DATA_REPRESENTATION_FLAG_XCDR1;
  struct ddsi_sertype *st_in = st;
  const dds_entity_t topic = dds_create_topic_sertype (participant, topic_name, &st_in, qos, NULL, NULL);
  if (topic < 0)
    ddsi_sertype_unref (st); /* not registered: refcount 1 -> 0 frees it through st_free */
  /* On success st_in is the interned sertype (ours, or an equal one registered earlier, ours then freed). */
  return topic;
}

#define RDDS_TAKE_CHUNK 64u

RDDS_API int32_t rdds_take (dds_entity_t reader, rdds_sample_t *samples, uint32_t max)
{
  if (samples == NULL || max > (uint32_t) INT32_MAX)
    return DDS_RETCODE_BAD_PARAMETER;
  struct ddsi_serdata *sds[RDDS_TAKE_CHUNK];
  dds_sample_info_t infos[RDDS_TAKE_CHUNK];
  uint32_t out = 0;
  while (out < max)
  {
    const uint32_t want = (max - out) < RDDS_TAKE_CHUNK ? (max - out) : RDDS_TAKE_CHUNK;
    const dds_return_t n = dds_takecdr (reader, sds, want, infos, 0);
    if (n < 0)
      return out > 0 ? (int32_t) out : n;
    for (int32_t i = 0; i < n; i++)
    {
      struct ddsi_serdata *sd = sds[i];
      if (!infos[i].valid_data || sd == NULL || sd->ops != &rdds_serdata_ops || sd->kind != SDK_DATA)
      {
        if (sd != NULL)
          ddsi_serdata_unref (sd);
        continue;
      }
      const struct rdds_serdata *d = cserdata (sd);
      rdds_sample_t *s = &samples[out++];
      s->serdata = sd;
      s->data = d->data;
      s->size = d->size;
      s->flags = 0;
      s->source_timestamp = infos[i].source_timestamp;
      s->publication_handle = infos[i].publication_handle;
    }
    if ((uint32_t) n < want)
      break;
  }
  return (int32_t) out;
}

RDDS_API void rdds_release (void *serdata)
{
  if (serdata != NULL)
    ddsi_serdata_unref (serdata);
}
