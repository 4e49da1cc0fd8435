/*
 * robotics_dds_selftest: exercises the raw-CDR shim against the installed Cyclone DDS, loopback only.
 *
 *  1. local: one participant, reliable keep-all writer -> reader on rt/selftest (std_msgs String_ type name),
 *     5 B .. 2 MB messages incl. odd sizes, dds_write_ts timestamps, exact byte/size comparison;
 *     interned sertype (same topic twice), a failing topic creation (sertype freed), a too-short write
 *     rejected, the to_sample paths (dds_take with a loan and with caller buffers), a second topic with
 *     another type name, and dispose/unregister producing invalid samples that rdds_take drops.
 *  2. network: a forked child process (its own Cyclone instance on the same domain) echoes everything it
 *     receives on rt/selftest_ping back on rt/selftest_pong, so both directions go through UDP on lo and
 *     from_ser reassembles fragmented samples. (Two participants in one process share one domain instance and
 *     deliver locally, never through the network: that is why the peer is a separate process.)
 *
 * Exit 0 on success; non-zero with a message on the first mismatch (the test goes on where it safely can).
 */
#include <errno.h>
#include <inttypes.h>
#include <signal.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "dds/dds.h"
#include "dds/ddsi/ddsi_keyhash.h"
#include "dds/ddsi/ddsi_serdata.h"
#include "dds/ddsi/q_radmin.h"
#include "robotics_dds.h"
#ifdef RDDS_SELFTEST_IDLC
#include "selftest_string.h" /* idlc output: Cyclone's own serializer for std_msgs::msg::dds_::String_ */
#endif

#define STRING_TYPE "std_msgs::msg::dds_::String_"
#define OTHER_TYPE "std_msgs::msg::dds_::UInt32_"
#define MAX_TAKE 32

/* dds_sample_info_t as the C# side mirrors it (Interop/DdsStructs.cs SampleInfo: 64 bytes on LP64). */
_Static_assert (sizeof (dds_sample_info_t) == 64, "dds_sample_info_t size");
_Static_assert (offsetof (dds_sample_info_t, valid_data) == 12 && offsetof (dds_sample_info_t, source_timestamp) == 16 &&
                offsetof (dds_sample_info_t, instance_handle) == 24 && offsetof (dds_sample_info_t, publication_handle) == 32 &&
                offsetof (dds_sample_info_t, disposed_generation_count) == 40 && offsetof (dds_sample_info_t, absolute_generation_rank) == 56,
                "dds_sample_info_t layout");

static int failures = 0;
static const char *role = "parent";

#define FAIL(...)                                                  \
  do {                                                             \
    fprintf (stderr, "[selftest:%s] FAIL %s:%d: ", role, __FILE__, __LINE__); \
    fprintf (stderr, __VA_ARGS__);                                 \
    fputc ('\n', stderr);                                          \
    failures++;                                                    \
  } while (0)

#define CHECK(cond, ...)                                           \
  do {                                                             \
    if (!(cond))                                                   \
      FAIL (__VA_ARGS__);                                          \
  } while (0)

#define CHECK_RC(rc, what)                                         \
  do {                                                             \
    dds_return_t rc_ = (rc);                                       \
    if (rc_ < 0)                                                   \
      FAIL ("%s: %s (%" PRId32 ")", what, dds_strretcode (rc_), rc_); \
  } while (0)

static void say (const char *fmt, ...) __attribute__ ((format (printf, 1, 2)));
static void say (const char *fmt, ...)
{
  va_list ap;
  va_start (ap, fmt);
  printf ("[selftest:%s] ", role);
  vprintf (fmt, ap);
  putchar ('\n');
  fflush (stdout);
  va_end (ap);
}

/* Loopback-only Cyclone config (conformance/ros2-peer/cyclonedds-lo.xml), inline. */
static const char *LO_CONFIG =
  "<CycloneDDS xmlns=\"https://cdds.io/config\"><Domain Id=\"any\">"
  "<General><Interfaces><NetworkInterface name=\"lo\"/></Interfaces><AllowMulticast>false</AllowMulticast></General>"
  "<Discovery><ParticipantIndex>auto</ParticipantIndex><MaxAutoParticipantIndex>30</MaxAutoParticipantIndex>"
  "<Peers><Peer address=\"127.0.0.1\"/></Peers></Discovery>"
  "</Domain></CycloneDDS>";

/* ---- messages ---- */

typedef struct msg {
  uint8_t *data;
  uint32_t size;
} msg_t;

static uint32_t align4 (uint32_t x)
{
  return (x + 3u) & ~3u;
}

/* A "CDR message": encapsulation header 00 01 00 00 then pseudo-random bytes derived from seed. */
static msg_t make_msg (uint32_t size, uint32_t seed)
{
  msg_t m = { malloc (size), size };
  if (m.data == NULL)
  {
    fprintf (stderr, "out of memory\n");
    exit (2);
  }
  uint32_t x = seed * 2654435761u + 1u;
  for (uint32_t i = 0; i < size; i++)
  {
    x ^= x << 13;
    x ^= x >> 17;
    x ^= x << 5;
    m.data[i] = (uint8_t) (x >> 7);
  }
  static const uint8_t hdr[4] = { 0x00, 0x01, 0x00, 0x00 };
  memcpy (m.data, hdr, size < 4 ? size : 4);
  return m;
}

/* Exact comparison; if `allow_pad`, a received size of alignup4(sent) with zero tail is also accepted (what
   RTPS does to a sample that fits in one DATA submessage). Returns true when padded. */
static bool compare_msg (const char *what, size_t idx, const msg_t *sent, const uint8_t *data, uint32_t size, bool allow_pad)
{
  bool padded = false;
  if (size != sent->size)
  {
    if (allow_pad && size == align4 (sent->size) && size > sent->size)
    {
      padded = true;
      for (uint32_t i = sent->size; i < size; i++)
        CHECK (data[i] == 0, "%s #%zu: padding byte %" PRIu32 " is 0x%02x, not 0", what, idx, i, data[i]);
    }
    else
    {
      FAIL ("%s #%zu: size %" PRIu32 ", expected %" PRIu32, what, idx, size, sent->size);
      return false;
    }
  }
  if (memcmp (data, sent->data, sent->size) != 0)
  {
    uint32_t i = 0;
    while (i < sent->size && data[i] == sent->data[i])
      i++;
    FAIL ("%s #%zu (%" PRIu32 " B): first difference at byte %" PRIu32, what, idx, sent->size, i);
  }
  return padded;
}

/* ---- helpers ---- */

static dds_time_t deadline_in (dds_duration_t d)
{
  return dds_time () + d;
}

/* Takes until `want` valid samples are in `out` (released by the caller) or the deadline passes; waits on a
   waitset attached to the reader's DATA_AVAILABLE status. Returns how many it got. */
static uint32_t take_until (dds_entity_t participant, dds_entity_t reader, rdds_sample_t *out, uint32_t want, dds_time_t deadline)
{
  dds_entity_t ws = dds_create_waitset (participant);
  CHECK_RC (ws, "create waitset");
  CHECK_RC (dds_set_status_mask (reader, DDS_DATA_AVAILABLE_STATUS), "set status mask");
  CHECK_RC (dds_waitset_attach (ws, reader, reader), "waitset attach");
  uint32_t got = 0;
  while (got < want)
  {
    int32_t n = rdds_take (reader, out + got, want - got);
    if (n < 0)
    {
      FAIL ("rdds_take: %s", dds_strretcode (n));
      break;
    }
    got += (uint32_t) n;
    if (got >= want || dds_time () >= deadline)
      break;
    if (n == 0)
      (void) dds_waitset_wait_until (ws, NULL, 0, deadline);
  }
  dds_delete (ws);
  return got;
}

static bool wait_matched (dds_entity_t writer, dds_entity_t reader, dds_time_t deadline)
{
  for (;;)
  {
    dds_publication_matched_status_t pm = { 0 };
    dds_subscription_matched_status_t sm = { 0 };
    bool ok = true;
    if (writer > 0)
      ok = ok && dds_get_publication_matched_status (writer, &pm) == 0 && pm.current_count > 0;
    if (reader > 0)
      ok = ok && dds_get_subscription_matched_status (reader, &sm) == 0 && sm.current_count > 0;
    if (ok)
      return true;
    if (dds_time () >= deadline)
      return false;
    dds_sleepfor (DDS_MSECS (10));
  }
}

/* Peeks (dds_readcdr, leaves them in the reader) at what the reader holds; returns the total. */
static int32_t count_samples (dds_entity_t reader, int32_t *nvalid, int32_t *ninvalid)
{
  struct ddsi_serdata *sds[MAX_TAKE];
  dds_sample_info_t si[MAX_TAKE];
  const int32_t n = dds_readcdr (reader, sds, MAX_TAKE, si, 0);
  CHECK (n >= 0, "dds_readcdr: %s", dds_strretcode (n));
  for (int32_t i = 0; i < n; i++)
  {
    if (si[i].valid_data && nvalid)
      (*nvalid)++;
    else if (!si[i].valid_data && ninvalid)
      (*ninvalid)++;
    rdds_release (sds[i]);
  }
  return n;
}

static dds_qos_t *make_qos (bool transient_local)
{
  dds_qos_t *qos = dds_create_qos ();
  dds_qset_reliability (qos, DDS_RELIABILITY_RELIABLE, DDS_SECS (10));
  dds_qset_history (qos, DDS_HISTORY_KEEP_ALL, 0);
  dds_qset_durability (qos, transient_local ? DDS_DURABILITY_TRANSIENT_LOCAL : DDS_DURABILITY_VOLATILE);
  dds_qset_writer_data_lifecycle (qos, false);
  return qos;
}

/* Sizes: tiny and odd (not multiples of 4), around the 1344 B default fragment size and the 64 KiB UDP limit,
   and large (hundreds to thousands of fragments). */
static const uint32_t SIZES[] = {
  5, 6, 7, 8, 9, 13, 64, 101, 1023, 1340, 1341, 1344, 1345, 4097,
  65535, 65536, 65537, 100001, 1048579, 2097152
};
#define NSIZES (sizeof (SIZES) / sizeof (SIZES[0]))

/* ---- 0. serdata ops on synthetic input (fragment chains Cyclone never produces on loopback) ---- */

struct fake_frag {
  uint32_t min, maxp1;
  uint8_t fill; /* 0: the message's own bytes; else this byte (must never be copied: overlap already covered) */
};

/* Builds a received packet holding the given fragments of `m` and runs from_ser over the chain. */
static struct ddsi_serdata *run_from_ser (const struct ddsi_serdata *proto, enum ddsi_serdata_kind kind, const msg_t *m, size_t size, const struct fake_frag *ff, size_t nff)
{
  size_t total = 0;
  for (size_t i = 0; i < nff; i++)
    total += ff[i].maxp1 - ff[i].min;
  struct nn_rmsg *rmsg = calloc (1, sizeof (struct nn_rmsg) + total + 16);
  struct nn_rdata *rd = calloc (nff, sizeof (struct nn_rdata));
  if (rmsg == NULL || rd == NULL)
    exit (2);
  unsigned char *payload = NN_RMSG_PAYLOAD (rmsg);
  size_t off = 0;
  for (size_t i = 0; i < nff; i++)
  {
    const uint32_t len = ff[i].maxp1 - ff[i].min;
    for (uint32_t k = 0; k < len; k++)
    {
      const uint32_t pos = ff[i].min + k;
      payload[off + k] = ff[i].fill ? ff[i].fill : (pos < m->size ? m->data[pos] : 0);
    }
    rd[i].rmsg = rmsg;
    rd[i].nextfrag = (i + 1 < nff) ? &rd[i + 1] : NULL;
    rd[i].min = ff[i].min;
    rd[i].maxp1 = ff[i].maxp1;
    rd[i].payload_zoff = (uint16_t) off;
    off += len;
  }
  struct ddsi_serdata *d = proto->ops->from_ser (proto->type, kind, rd, size);
  free (rd);
  free (rmsg); /* the serdata must own a copy */
  return d;
}

/* Checks d holds exactly m (size and bytes, zero padding up to a multiple of 4); releases d. */
static void check_serdata (const char *what, struct ddsi_serdata *d, const msg_t *m)
{
  if (d == NULL)
  {
    FAIL ("%s: NULL serdata", what);
    return;
  }
  CHECK (d->kind == SDK_DATA, "%s: kind %d", what, (int) d->kind);
  CHECK (ddsi_serdata_size (d) == m->size, "%s: size %" PRIu32 ", expected %" PRIu32, what, ddsi_serdata_size (d), m->size);
  const uint32_t padded = align4 (m->size);
  uint8_t *buf = malloc (padded + 1);
  if (buf == NULL)
    exit (2);
  ddsi_serdata_to_ser (d, 0, padded, buf);
  compare_msg (what, 0, m, buf, m->size, false);
  for (uint32_t i = m->size; i < padded; i++)
    CHECK (buf[i] == 0, "%s: to_ser padding byte %" PRIu32 " = 0x%02x", what, i, buf[i]);
  ddsrt_iovec_t ref;
  struct ddsi_serdata *r = ddsi_serdata_to_ser_ref (d, 1, padded - 1, &ref);
  CHECK (r == d && ref.iov_len == padded - 1 && memcmp (ref.iov_base, buf + 1, padded - 1) == 0, "%s: to_ser_ref", what);
  ddsi_serdata_to_ser_unref (r, &ref);
  free (buf);
  ddsi_serdata_unref (d);
}

static void test_serdata_ops (const struct ddsi_serdata *proto)
{
  const int failures0 = failures;
  const msg_t m = make_msg (3001, 77);
  /* one fragment; fragments in sequence; overlapping ones whose overlap must not be re-copied (filled with
     0xEE here; on the wire it would hold the same bytes) incl. one inside an earlier one; last fragment
     running into the padding beyond the size */
  const struct fake_frag one[] = { { 0, 3001, 0 } };
  const struct fake_frag seq[] = { { 0, 1000, 0 }, { 1000, 2000, 0 }, { 2000, 3001, 0 } };
  const struct fake_frag tail[] = { { 0, 1000, 0 }, { 1000, 2000, 0 }, { 2000, 3004, 0 } };
  check_serdata ("from_ser 1 frag", run_from_ser (proto, SDK_DATA, &m, m.size, one, 1), &m);
  check_serdata ("from_ser 3 frags", run_from_ser (proto, SDK_DATA, &m, m.size, seq, 3), &m);
  check_serdata ("from_ser padded tail", run_from_ser (proto, SDK_DATA, &m, m.size, tail, 3), &m);
  {
    /* overlap: [0,1200) [1000,2100) [100,200) [1500,2500) [2000,3001); the parts already copied carry 0xEE in
       later fragments, so a re-copy would show. Built by hand to put 0xEE only in overlapping bytes. */
    const struct fake_frag ov[] = { { 0, 1200, 0 }, { 1000, 2100, 0 }, { 100, 200, 0xEE }, { 1500, 2500, 0 }, { 2000, 3001, 0 } };
    size_t total = 0;
    for (size_t i = 0; i < 5; i++)
      total += ov[i].maxp1 - ov[i].min;
    struct nn_rmsg *rmsg = calloc (1, sizeof (struct nn_rmsg) + total);
    struct nn_rdata rd[5];
    memset (rd, 0, sizeof (rd));
    if (rmsg == NULL)
      exit (2);
    unsigned char *payload = NN_RMSG_PAYLOAD (rmsg);
    uint32_t covered = 0;
    size_t off = 0;
    for (size_t i = 0; i < 5; i++)
    {
      for (uint32_t pos = ov[i].min; pos < ov[i].maxp1; pos++)
        payload[off + pos - ov[i].min] = (pos < covered) ? 0xEE : m.data[pos];
      if (ov[i].maxp1 > covered)
        covered = ov[i].maxp1;
      rd[i].rmsg = rmsg;
      rd[i].nextfrag = (i + 1 < 5) ? &rd[i + 1] : NULL;
      rd[i].min = ov[i].min;
      rd[i].maxp1 = ov[i].maxp1;
      rd[i].payload_zoff = (uint16_t) off;
      off += ov[i].maxp1 - ov[i].min;
    }
    struct ddsi_serdata *d = proto->ops->from_ser (proto->type, SDK_DATA, rd, m.size);
    free (rmsg);
    check_serdata ("from_ser overlapping frags", d, &m);
  }
  /* broken chains are refused: a gap, a chain shorter than the sample */
  const struct fake_frag gap[] = { { 0, 1000, 0 }, { 1200, 3001, 0 } };
  const struct fake_frag shortc[] = { { 0, 1000, 0 }, { 1000, 2000, 0 } };
  CHECK (run_from_ser (proto, SDK_DATA, &m, m.size, gap, 2) == NULL, "from_ser accepted a gap");
  CHECK (run_from_ser (proto, SDK_DATA, &m, m.size, shortc, 2) == NULL, "from_ser accepted a short chain");
  /* KEY from the wire: the (empty) key of a keyless type, i.e. a bare encapsulation header */
  {
    const struct fake_frag hdr[] = { { 0, 4, 0 } };
    struct ddsi_serdata *k = run_from_ser (proto, SDK_KEY, &m, 4, hdr, 1);
    CHECK (k != NULL && k->kind == SDK_KEY && ddsi_serdata_size (k) == 4, "from_ser KEY");
    if (k)
    {
      uint8_t b[4];
      ddsi_serdata_to_ser (k, 0, 4, b);
      CHECK (b[0] == 0 && b[1] == 1 && b[2] == 0 && b[3] == 0, "KEY payload is not a CDR_LE header");
      struct ddsi_serdata *u = ddsi_serdata_to_untyped (k);
      CHECK (u != NULL && u->type == NULL && u->kind == SDK_KEY, "to_untyped");
      CHECK (u != NULL && ddsi_serdata_eqkey (u, k), "eqkey");
      if (u)
        ddsi_serdata_unref (u);
      ddsi_serdata_unref (k);
    }
  }
  /* from_ser_iov: several iovecs, more bytes than the size, too few */
  {
    ddsrt_iovec_t iov[3] = {
      { .iov_base = m.data, .iov_len = 10 },
      { .iov_base = m.data + 10, .iov_len = 2000 },
      { .iov_base = m.data + 2010, .iov_len = 991 + 3 },
    };
    check_serdata ("from_ser_iov 3 iov", proto->ops->from_ser_iov (proto->type, SDK_DATA, 3, iov, m.size), &m);
    CHECK (proto->ops->from_ser_iov (proto->type, SDK_DATA, 2, iov, m.size) == NULL, "from_ser_iov accepted too few bytes");
    struct ddsi_serdata *k = proto->ops->from_ser_iov (proto->type, SDK_KEY, 0, NULL, 0);
    CHECK (k != NULL && k->kind == SDK_KEY, "from_ser_iov KEY without payload");
    if (k)
      ddsi_serdata_unref (k);
  }
  /* from_keyhash, get_keyhash, print, to_ser beyond the size */
  {
    ddsi_keyhash_t kh;
    memset (&kh, 0xAB, sizeof (kh));
    struct ddsi_serdata *k = proto->ops->from_keyhash (proto->type, &kh);
    CHECK (k != NULL && k->kind == SDK_KEY, "from_keyhash");
    if (k)
    {
      ddsi_serdata_get_keyhash (k, &kh, true);
      static const uint8_t zeros[16] = { 0 };
      CHECK (memcmp (kh.value, zeros, 16) == 0, "keyhash not zero");
      ddsi_serdata_unref (k);
    }
    char pbuf[8];
    /* (ddsi_serdata_print returns a bool in 0.10.2; call the op for the size_t it returns) */
    const size_t need = proto->ops->print (proto->type, proto, pbuf, sizeof (pbuf));
    CHECK (need > sizeof (pbuf) && strlen (pbuf) == sizeof (pbuf) - 1, "print truncation (%zu, '%s')", need, pbuf);
    CHECK (proto->hash == proto->type->serdata_basehash, "serdata hash is not the sertype's basehash");
  }
  free (m.data);
  if (failures == failures0)
    say ("serdata ops: fragment chains (in order, overlapping, padded tail, gap, short), iov, key, keyhash, print OK");
}

/* ---- 1. local ---- */

static void test_local (dds_domainid_t domain)
{
  say ("local: participant on domain %" PRIu32, domain);
  dds_entity_t pp = dds_create_participant (domain, NULL, NULL);
  CHECK_RC (pp, "create participant");
  if (pp < 0)
    return;

  CHECK (rdds_abi_version () == 1u, "rdds_abi_version() = %" PRIu32, rdds_abi_version ());

  dds_entity_t tp = rdds_create_topic (pp, "rt/selftest", STRING_TYPE, NULL);
  CHECK_RC (tp, "rdds_create_topic rt/selftest");
  char tname[256];
  CHECK_RC (dds_get_type_name (tp, tname, sizeof (tname)), "get type name");
  CHECK (strcmp (tname, STRING_TYPE) == 0, "type name '%s'", tname);

  /* The same topic again: Cyclone finds our interned sertype (equal/hash) and frees the new one. */
  dds_entity_t tp2 = rdds_create_topic (pp, "rt/selftest", STRING_TYPE, NULL);
  CHECK_RC (tp2, "rdds_create_topic rt/selftest (second time)");
  CHECK (tp2 != tp, "second topic entity equals the first");

  /* Failures: the sertype is not taken over and must be freed by the shim (LeakSanitizer checks). */
  CHECK (rdds_create_topic (pp, "bad topic name!", STRING_TYPE, NULL) < 0, "invalid topic name accepted");
  CHECK (rdds_create_topic (tp, "rt/selftest", STRING_TYPE, NULL) < 0, "topic as participant accepted");
  CHECK (rdds_create_topic (pp, NULL, STRING_TYPE, NULL) < 0, "NULL topic name accepted");
  CHECK (rdds_create_topic (pp, "rt/selftest", NULL, NULL) < 0, "NULL type name accepted");

  dds_qos_t *qos = make_qos (false);
  dds_entity_t rd = dds_create_reader (pp, tp, qos, NULL);
  CHECK_RC (rd, "create reader");
  dds_entity_t wr = dds_create_writer (pp, tp2, qos, NULL); /* via the second topic handle: same sertype */
  CHECK_RC (wr, "create writer");

  /* Rejected: shorter than the encapsulation header, NULL data. */
  static const uint8_t two[2] = { 0, 1 };
  rdds_raw_t bad = { two, 2 };
  CHECK (dds_write (wr, &bad) < 0, "2-byte sample accepted");
  bad.data = NULL;
  bad.size = 8;
  CHECK (dds_write (wr, &bad) < 0, "NULL data accepted");

  msg_t msgs[NSIZES];
  const dds_time_t ts0 = DDS_SECS (1700000000);
  for (size_t i = 0; i < NSIZES; i++)
  {
    msgs[i] = make_msg (SIZES[i], (uint32_t) i + 1);
    rdds_raw_t raw = { msgs[i].data, msgs[i].size };
    CHECK_RC (dds_write_ts (wr, &raw, ts0 + (dds_time_t) i), "dds_write_ts");
  }
  dds_instance_handle_t wr_ih = 0;
  CHECK_RC (dds_get_instance_handle (wr, &wr_ih), "writer instance handle");
  rdds_sample_t got[NSIZES];
  uint32_t n = take_until (pp, rd, got, NSIZES, deadline_in (DDS_SECS (10)));
  CHECK (n == NSIZES, "local: took %" PRIu32 " of %zu", n, NSIZES);
  if (n > 0)
    test_serdata_ops (got[0].serdata);
  for (uint32_t i = 0; i < n; i++)
  {
    compare_msg ("local", i, &msgs[i], got[i].data, got[i].size, false);
    CHECK (got[i].source_timestamp == ts0 + (dds_time_t) i, "local #%" PRIu32 ": timestamp %" PRId64, i, got[i].source_timestamp);
    CHECK (got[i].flags == 0, "flags %" PRIu32, got[i].flags);
    CHECK (got[i].publication_handle == wr_ih, "publication handle");
    CHECK (((uintptr_t) got[i].data & 7u) == 0, "payload not 8-aligned");
    rdds_release (got[i].serdata);
  }
  say ("local: %" PRIu32 " messages, %" PRIu32 " .. %" PRIu32 " bytes, identical", n, SIZES[0], SIZES[NSIZES - 1]);
  rdds_release (NULL);

  /* max larger than the shim's internal chunk, nothing there: 0. */
  rdds_sample_t many[100];
  CHECK (rdds_take (rd, many, 100) == 0, "take from empty reader");
  CHECK (rdds_take (rd, many, 0) == 0, "take of 0");
  CHECK (rdds_take (rd, NULL, 1) < 0, "take into NULL");
  CHECK (rdds_take (0, many, 1) < 0, "take from invalid entity");

  /* More than one chunk (64) in a single rdds_take. */
  const uint32_t burst = 150;
  for (uint32_t i = 0; i < burst; i++)
  {
    rdds_raw_t raw = { msgs[i % 4].data, msgs[i % 4].size };
    CHECK_RC (dds_write (wr, &raw), "dds_write burst");
  }
  rdds_sample_t *bs = calloc (burst, sizeof (*bs));
  n = take_until (pp, rd, bs, burst, deadline_in (DDS_SECS (10)));
  CHECK (n == burst, "burst: took %" PRIu32 " of %" PRIu32, n, burst);
  for (uint32_t i = 0; i < n; i++)
  {
    compare_msg ("burst", i, &msgs[i % 4], bs[i].data, bs[i].size, false);
    rdds_release (bs[i].serdata);
  }
  free (bs);

  /* to_sample: dds_take with a loan (Cyclone allocates rdds_raw_t samples through realloc_samples and fills
     them via to_sample, then frees contents through free_samples on dds_return_loan) ... */
  for (int round = 0; round < 2; round++)
  {
    for (int k = 0; k < 3; k++)
    {
      rdds_raw_t raw = { msgs[13 + k].data, msgs[13 + k].size };
      CHECK_RC (dds_write (wr, &raw), "dds_write (loan)");
    }
    void *buf[3] = { NULL, NULL, NULL };
    dds_sample_info_t si[3];
    int32_t got_n = 0;
    dds_time_t dl = deadline_in (DDS_SECS (5));
    while (got_n == 0 && dds_time () < dl)
    {
      got_n = dds_take (rd, buf, si, 3, 3);
      if (got_n == 0)
        dds_sleepfor (DDS_MSECS (1));
    }
    CHECK (got_n == 3, "loan take: %" PRId32, got_n);
    for (int32_t k = 0; k < got_n; k++)
    {
      const rdds_raw_t *raw = buf[k];
      CHECK (si[k].valid_data, "loan take: invalid sample");
      compare_msg ("loan", (size_t) k, &msgs[13 + k], raw->data, raw->size, false);
    }
    if (got_n > 0)
      CHECK_RC (dds_return_loan (rd, buf, got_n), "return loan");
  }
  /* ... and with caller-owned, zeroed samples (to_sample mallocs, and reuses on the second take). */
  {
    rdds_raw_t mine[2];
    memset (mine, 0, sizeof (mine));
    void *buf[2] = { &mine[0], &mine[1] };
    dds_sample_info_t si[2];
    for (int round = 0; round < 2; round++)
    {
      rdds_raw_t raw = { msgs[15 + round].data, msgs[15 + round].size };
      CHECK_RC (dds_write (wr, &raw), "dds_write (own buffer)");
      int32_t got_n = 0;
      dds_time_t dl = deadline_in (DDS_SECS (5));
      while (got_n == 0 && dds_time () < dl)
      {
        got_n = dds_take (rd, buf, si, 2, 2);
        if (got_n == 0)
          dds_sleepfor (DDS_MSECS (1));
      }
      CHECK (got_n == 1, "own-buffer take: %" PRId32, got_n);
      if (got_n == 1)
        compare_msg ("own", (size_t) round, &msgs[15 + round], mine[0].data, mine[0].size, false);
    }
    free ((void *) mine[0].data);
    free ((void *) mine[1].data);
  }

  /* Another topic with another type name (a different interned sertype). */
  dds_entity_t tpo = rdds_create_topic (pp, "rt/selftest_other", OTHER_TYPE, NULL);
  CHECK_RC (tpo, "rdds_create_topic rt/selftest_other");
  dds_entity_t rdo = dds_create_reader (pp, tpo, qos, NULL);
  CHECK_RC (rdo, "create reader (other)");
  dds_entity_t wro = dds_create_writer (pp, tpo, qos, NULL);
  CHECK_RC (wro, "create writer (other)");
  {
    static const uint8_t u32msg[8] = { 0x00, 0x01, 0x00, 0x00, 0x2a, 0x00, 0x00, 0x00 };
    msg_t m = { (uint8_t *) u32msg, 8 };
    rdds_raw_t raw = { u32msg, 8 };
    CHECK_RC (dds_write (wro, &raw), "dds_write (other)");
    rdds_sample_t s;
    n = take_until (pp, rdo, &s, 1, deadline_in (DDS_SECS (5)));
    CHECK (n == 1, "other: took %" PRIu32, n);
    if (n == 1)
    {
      compare_msg ("other", 0, &m, s.data, s.size, false);
      rdds_release (s.serdata);
    }
    /* Nothing crossed over from the String_ writer on the other topic. */
    CHECK (rdds_take (rdo, &s, 1) == 0, "other: unexpected sample");
  }

  /* Dispose + unregister of an instance whose samples were all taken: invalid samples (no data) that rdds_take
     must unref and skip. (With an unread valid sample Cyclone only changes that sample's instance state.) */
  {
    rdds_raw_t raw = { msgs[0].data, msgs[0].size };
    CHECK_RC (dds_write (wr, &raw), "dds_write before dispose");
    rdds_sample_t s[8];
    n = take_until (pp, rd, s, 1, deadline_in (DDS_SECS (5)));
    CHECK (n == 1, "dispose: took %" PRIu32 " before dispose", n);
    for (uint32_t i = 0; i < n; i++)
    {
      compare_msg ("dispose", 0, &msgs[0], s[i].data, s[i].size, false);
      rdds_release (s[i].serdata);
    }
    CHECK_RC (dds_dispose (wr, &raw), "dds_dispose");
    CHECK_RC (dds_unregister_instance (wr, &raw), "dds_unregister_instance");
    int32_t ninvalid = 0, nvalid = 0;
    const int32_t npeek = count_samples (rd, &nvalid, &ninvalid);
    CHECK (npeek >= 1 && nvalid == 0 && ninvalid >= 1, "dispose: read %" PRId32 " valid + %" PRId32 " invalid", nvalid, ninvalid);
    const int32_t nt = rdds_take (rd, s, 8);
    CHECK (nt == 0, "dispose: rdds_take returned %" PRId32 " (expected 0: invalid samples only)", nt);
    for (int32_t i = 0; i < nt; i++)
      rdds_release (s[i].serdata);
    CHECK (count_samples (rd, NULL, NULL) == 0, "dispose: samples left after rdds_take");
    say ("local: dispose/unregister gave %" PRId32 " invalid sample(s), dropped by rdds_take", ninvalid);
  }

  /* Writing again revives the instance; deleting the writer then unregisters it: another invalid sample. */
  {
    rdds_raw_t raw = { msgs[1].data, msgs[1].size };
    CHECK_RC (dds_write (wr, &raw), "dds_write before delete");
    rdds_sample_t s[4];
    n = take_until (pp, rd, s, 1, deadline_in (DDS_SECS (5)));
    CHECK (n == 1, "writer delete: took %" PRIu32 " before delete", n);
    for (uint32_t i = 0; i < n; i++)
    {
      compare_msg ("revive", 0, &msgs[1], s[i].data, s[i].size, false);
      rdds_release (s[i].serdata);
    }
    CHECK_RC (dds_delete (wr), "delete writer");
    int32_t ninvalid = 0, nvalid = 0;
    (void) count_samples (rd, &nvalid, &ninvalid);
    CHECK (nvalid == 0 && ninvalid >= 1, "writer delete: read %" PRId32 " valid + %" PRId32 " invalid", nvalid, ninvalid);
    const int32_t nt = rdds_take (rd, s, 4);
    CHECK (nt == 0, "writer delete: rdds_take returned %" PRId32, nt);
    for (int32_t i = 0; i < nt; i++)
      rdds_release (s[i].serdata);
    CHECK (count_samples (rd, NULL, NULL) == 0, "writer delete: samples left after rdds_take");
  }

  for (size_t i = 0; i < NSIZES; i++)
    free (msgs[i].data);
  dds_delete_qos (qos);
  CHECK_RC (dds_delete (pp), "delete participant");
  say ("local: done");
}

/* ---- 1b. in-process interop with Cyclone's own (idlc) serializer ---- */

#ifdef RDDS_SELFTEST_IDLC
/* XCDR1 little-endian std_msgs/String: header, u32 length incl. NUL, chars, NUL. */
static msg_t cdr_string (const char *str)
{
  const uint32_t len = (uint32_t) strlen (str) + 1;
  msg_t m = { calloc (1, 8 + len), 8 + len };
  if (m.data == NULL)
  {
    fprintf (stderr, "out of memory\n");
    exit (2);
  }
  m.data[1] = 0x01;
  memcpy (m.data + 4, &len, 4);
  memcpy (m.data + 8, str, len);
  return m;
}

static void test_native (dds_domainid_t domain)
{
  say ("native: Cyclone's String_ serializer <-> raw-CDR topic, two participants in one process");
  const int failures0 = failures;
  /* Two participants: within one participant Cyclone 0.10 refuses a second sertype for a topic name whose
     topic QoS differs (the idlc topic carries type information and data representation; ours does not). */
  dds_entity_t pp = dds_create_participant (domain, NULL, NULL);
  dds_entity_t ppn = dds_create_participant (domain, NULL, NULL);
  CHECK_RC (pp, "create participant");
  CHECK_RC (ppn, "create participant (native)");
  if (pp < 0 || ppn < 0)
    return;
  dds_qos_t *qos = make_qos (false);
  dds_entity_t ntp = dds_create_topic (ppn, &std_msgs_msg_dds__String__desc, "rt/selftest_native", NULL, NULL);
  dds_entity_t rtp = rdds_create_topic (pp, "rt/selftest_native", STRING_TYPE, NULL);
  CHECK_RC (ntp, "native topic");
  CHECK_RC (rtp, "raw topic on the same name");
  dds_entity_t nwr = dds_create_writer (ppn, ntp, qos, NULL);
  dds_entity_t nrd = dds_create_reader (ppn, ntp, qos, NULL);
  dds_entity_t rwr = dds_create_writer (pp, rtp, qos, NULL);
  dds_entity_t rrd = dds_create_reader (pp, rtp, qos, NULL);
  CHECK_RC (nwr, "native writer");
  CHECK_RC (nrd, "native reader");
  CHECK_RC (rwr, "raw writer");
  CHECK_RC (rrd, "raw reader");
  dds_delete_qos (qos);
  if (!wait_matched (nwr, rrd, deadline_in (DDS_SECS (5))) || !wait_matched (rwr, nrd, deadline_in (DDS_SECS (5))))
    FAIL ("native: native and raw endpoints did not match (type name matching without type information)");

  char *big = malloc (100001);
  if (big == NULL)
    exit (2);
  for (size_t i = 0; i < 100000; i++)
    big[i] = (char) ('a' + (char) (i % 26));
  big[100000] = 0;
  const char *strs[] = { "", "abc", "hello", "hello, world!", big };
  const size_t nstrs = sizeof (strs) / sizeof (strs[0]);

  /* native -> raw: Cyclone serializes, the shim gets the bytes through from_ser_iov (serdata type conversion). */
  for (size_t i = 0; i < nstrs; i++)
  {
    std_msgs_msg_dds__String_ sample = { (char *) strs[i] };
    CHECK_RC (dds_write (nwr, &sample), "native write");
  }
  rdds_sample_t got[8];
  uint32_t n = take_until (pp, rrd, got, (uint32_t) nstrs, deadline_in (DDS_SECS (5)));
  CHECK (n == nstrs, "native->raw: took %" PRIu32 " of %zu", n, nstrs);
  for (uint32_t i = 0; i < n; i++)
  {
    msg_t expect = cdr_string (strs[i]);
    /* Cyclone pads to 4 and records the pad count in the options bytes; compare all but byte 3 (options). */
    const uint32_t pad = align4 (expect.size) - expect.size;
    CHECK (got[i].size == expect.size || got[i].size == align4 (expect.size), "native->raw #%" PRIu32 ": size %" PRIu32 " for %" PRIu32, i, got[i].size, expect.size);
    CHECK (got[i].size >= 4 && got[i].data[0] == 0 && got[i].data[1] == 1 && got[i].data[2] == 0, "native->raw #%" PRIu32 ": not an XCDR1 LE header", i);
    if (got[i].size >= expect.size)
      CHECK (memcmp (got[i].data + 4, expect.data + 4, expect.size - 4) == 0, "native->raw #%" PRIu32 ": payload differs", i);
    if (i == 2)
      say ("native->raw: \"hello\" (%" PRIu32 " B of CDR) arrived as %" PRIu32 " B, header %02x %02x %02x %02x (pad %" PRIu32 ")",
           expect.size, got[i].size, got[i].data[0], got[i].data[1], got[i].data[2], got[i].data[3], pad);
    free (expect.data);
    rdds_release (got[i].serdata);
  }
  /* The native reader saw the native writes too (plain Cyclone path); drop them. */
  {
    void *buf[8] = { NULL };
    dds_sample_info_t si[8];
    int32_t k = dds_take (nrd, buf, si, 8, 8);
    CHECK (k == (int32_t) nstrs, "native reader: %" PRId32 " native samples", k);
    if (k > 0)
      dds_return_loan (nrd, buf, k);
  }

  /* raw -> native: our bytes, deserialized by Cyclone's own String_ code (to_ser_ref on our serdata). */
  for (size_t i = 0; i < nstrs; i++)
  {
    msg_t m = cdr_string (strs[i]);
    rdds_raw_t raw = { m.data, m.size };
    CHECK_RC (dds_write (rwr, &raw), "raw write");
    free (m.data);
  }
  size_t ok = 0;
  const dds_time_t dl = deadline_in (DDS_SECS (5));
  while (ok < nstrs && dds_time () < dl)
  {
    void *buf[8] = { NULL };
    dds_sample_info_t si[8];
    int32_t k = dds_take (nrd, buf, si, 8, 8);
    CHECK (k >= 0, "native take: %s", dds_strretcode (k));
    for (int32_t j = 0; j < k; j++)
    {
      const std_msgs_msg_dds__String_ *s = buf[j];
      CHECK (si[j].valid_data && s->data != NULL && strcmp (s->data, strs[ok]) == 0, "raw->native #%zu: wrong string", ok);
      ok++;
    }
    if (k > 0)
      dds_return_loan (nrd, buf, k);
    else
      dds_sleepfor (DDS_MSECS (1));
  }
  CHECK (ok == nstrs, "raw->native: %zu of %zu strings", ok, nstrs);
  n = take_until (pp, rrd, got, (uint32_t) nstrs, deadline_in (DDS_SECS (5)));
  for (uint32_t i = 0; i < n; i++)
    rdds_release (got[i].serdata);
  if (failures == failures0)
    say ("native: %zu strings each way, identical", nstrs);
  free (big);
  CHECK_RC (dds_delete (pp), "delete participant");
  CHECK_RC (dds_delete (ppn), "delete participant (native)");
}
#endif

/* ---- 2. network (parent <-> forked echo peer) ---- */

static const uint8_t QUIT[8] = { 0x00, 0x01, 0x00, 0x00, 'Q', 'U', 'I', 'T' };
/* The peer's answer once it has seen an invalid sample (the parent sends nothing more until then: a new valid
   sample would replace the instance's invalid sample before the peer gets to see it). */
static const uint8_t INVALID_SEEN[8] = { 0x00, 0x01, 0x00, 0x00, 'I', 'N', 'V', '!' };

static int run_echo_peer (dds_domainid_t domain)
{
  role = "peer";
  dds_entity_t pp = dds_create_participant (domain, NULL, NULL);
  if (pp < 0)
  {
    FAIL ("create participant: %s", dds_strretcode (pp));
    return 1;
  }
  dds_qos_t *qos = make_qos (true);
  dds_entity_t tping = rdds_create_topic (pp, "rt/selftest_ping", STRING_TYPE, NULL);
  dds_entity_t tpong = rdds_create_topic (pp, "rt/selftest_pong", STRING_TYPE, NULL);
  CHECK_RC (tping, "topic ping");
  CHECK_RC (tpong, "topic pong");
  dds_entity_t rd = dds_create_reader (pp, tping, qos, NULL);
  dds_entity_t wr = dds_create_writer (pp, tpong, qos, NULL);
  CHECK_RC (rd, "reader ping");
  CHECK_RC (wr, "writer pong");
  dds_delete_qos (qos);
  dds_entity_t ws = dds_create_waitset (pp);
  CHECK_RC (dds_set_status_mask (rd, DDS_DATA_AVAILABLE_STATUS), "status mask");
  CHECK_RC (dds_waitset_attach (ws, rd, rd), "attach");
  /* Peek (dds_readcdr marks samples read) to count invalid samples, then rdds_take through a read condition
     that selects only the samples already peeked at: nothing can slip through uncounted in between. */
  dds_entity_t rc_read = dds_create_readcondition (rd, DDS_READ_SAMPLE_STATE | DDS_ANY_VIEW_STATE | DDS_ANY_INSTANCE_STATE);
  CHECK_RC (rc_read, "read condition");

  const dds_time_t deadline = deadline_in (DDS_SECS (90));
  bool quit = false;
  uint32_t echoed = 0;
  int32_t ninvalid = 0;
  bool told_invalid = false;
  while (!quit && failures == 0 && dds_time () < deadline)
  {
    (void) dds_waitset_wait (ws, NULL, 0, DDS_MSECS (100));
    (void) count_samples (rd, NULL, &ninvalid); /* the parent's dispose/unregister arrive as invalid samples */
    if (ninvalid > 0 && !told_invalid)
    {
      rdds_raw_t raw = { INVALID_SEEN, sizeof (INVALID_SEEN) };
      CHECK_RC (dds_write (wr, &raw), "write INVALID_SEEN");
      told_invalid = true;
    }
    rdds_sample_t s[MAX_TAKE];
    int32_t n = rdds_take (rc_read, s, MAX_TAKE);
    CHECK (n >= 0, "rdds_take: %" PRId32, n);
    for (int32_t i = 0; i < n; i++)
    {
      if (s[i].size == sizeof (QUIT) && memcmp (s[i].data, QUIT, sizeof (QUIT)) == 0)
        quit = true;
      else
      {
        rdds_raw_t raw = { s[i].data, s[i].size };
        CHECK_RC (dds_write (wr, &raw), "echo write");
        echoed++;
      }
      rdds_release (s[i].serdata);
    }
  }
  CHECK (quit, "no QUIT from the parent before the deadline");
  CHECK (ninvalid >= 1, "the parent's dispose/unregister did not arrive as an invalid sample");
  CHECK_RC (dds_wait_for_acks (wr, DDS_SECS (10)), "wait for acks");
  say ("echoed %" PRIu32 " messages; saw %" PRId32 " invalid sample(s) from dispose/unregister", echoed, ninvalid);
  CHECK_RC (dds_delete (pp), "delete participant");
  return failures ? 1 : 0;
}

static void test_network (dds_domainid_t domain, pid_t peer)
{
  say ("network: talking to echo peer pid %d over UDP on lo", (int) peer);
  dds_entity_t pp = dds_create_participant (domain, NULL, NULL);
  CHECK_RC (pp, "create participant");
  if (pp < 0)
    return;
  dds_qos_t *qos = make_qos (true);
  dds_entity_t tping = rdds_create_topic (pp, "rt/selftest_ping", STRING_TYPE, NULL);
  dds_entity_t tpong = rdds_create_topic (pp, "rt/selftest_pong", STRING_TYPE, NULL);
  dds_entity_t wr = dds_create_writer (pp, tping, qos, NULL);
  dds_entity_t rd = dds_create_reader (pp, tpong, qos, NULL);
  CHECK_RC (wr, "writer ping");
  CHECK_RC (rd, "reader pong");
  dds_delete_qos (qos);

  if (!wait_matched (wr, rd, deadline_in (DDS_SECS (30))))
  {
    FAIL ("network: peer not matched within 30 s");
    dds_delete (pp);
    return;
  }
  say ("network: matched");

  msg_t msgs[NSIZES];
  for (size_t i = 0; i < NSIZES; i++)
  {
    msgs[i] = make_msg (SIZES[i], 1000u + (uint32_t) i);
    rdds_raw_t raw = { msgs[i].data, msgs[i].size };
    CHECK_RC (dds_write (wr, &raw), "dds_write ping");
  }
  rdds_sample_t got[NSIZES];
  uint32_t n = take_until (pp, rd, got, NSIZES, deadline_in (DDS_SECS (60)));
  CHECK (n == NSIZES, "network: got %" PRIu32 " of %zu echoes", n, NSIZES);
  uint32_t npadded = 0;
  for (uint32_t i = 0; i < n; i++)
  {
    if (compare_msg ("network", i, &msgs[i], got[i].data, got[i].size, true))
      npadded++;
    rdds_release (got[i].serdata);
  }
  say ("network: %" PRIu32 " echoes identical (%" PRIu32 " arrived padded to a multiple of 4)", n, npadded);

  /* Dispose + unregister travel to the peer as data-less samples (invalid there, dropped by its rdds_take). */
  rdds_raw_t raw0 = { msgs[0].data, msgs[0].size };
  CHECK_RC (dds_dispose (wr, &raw0), "dds_dispose (network)");
  CHECK_RC (dds_unregister_instance (wr, &raw0), "dds_unregister_instance (network)");
  {
    rdds_sample_t s;
    n = take_until (pp, rd, &s, 1, deadline_in (DDS_SECS (20)));
    CHECK (n == 1 && s.size == sizeof (INVALID_SEEN) && memcmp (s.data, INVALID_SEEN, sizeof (INVALID_SEEN)) == 0,
           "network: the peer did not report the dispose/unregister as an invalid sample");
    if (n == 1)
      rdds_release (s.serdata);
  }
  rdds_raw_t quit = { QUIT, sizeof (QUIT) };
  CHECK_RC (dds_write (wr, &quit), "write QUIT");
  CHECK_RC (dds_wait_for_acks (wr, DDS_SECS (10)), "wait for acks");

  /* The peer deletes its participant: its writer's unregistration reaches our reader as an invalid sample. */
  int status = 0;
  pid_t w = 0;
  const dds_time_t dl = deadline_in (DDS_SECS (60));
  while ((w = waitpid (peer, &status, WNOHANG)) == 0 && dds_time () < dl)
    dds_sleepfor (DDS_MSECS (20));
  if (w == 0)
  {
    FAIL ("network: echo peer did not exit");
    kill (peer, SIGKILL);
    waitpid (peer, &status, 0);
  }
  else if (w < 0)
    FAIL ("network: waitpid: %s", strerror (errno));
  else if (!WIFEXITED (status) || WEXITSTATUS (status) != 0)
    FAIL ("network: echo peer failed (status 0x%x)", status);

  /* Wait (bounded) for the peer's writer to be gone, then drain: only invalid samples may remain. */
  const dds_time_t dl2 = deadline_in (DDS_SECS (10));
  dds_subscription_matched_status_t sm;
  while (dds_get_subscription_matched_status (rd, &sm) == 0 && sm.current_count > 0 && dds_time () < dl2)
    dds_sleepfor (DDS_MSECS (20));
  rdds_sample_t s[4];
  int32_t nt = rdds_take (rd, s, 4);
  for (int32_t i = 0; i < nt; i++)
    rdds_release (s[i].serdata);
  CHECK (nt == 0, "network: %" PRId32 " unexpected valid samples after the peer left", nt);

  for (size_t i = 0; i < NSIZES; i++)
    free (msgs[i].data);
  CHECK_RC (dds_delete (pp), "delete participant");
  say ("network: done");
}

int main (void)
{
  setvbuf (stdout, NULL, _IOLBF, 0);
  struct timespec now;
  clock_gettime (CLOCK_REALTIME, &now);
  const dds_domainid_t domain = (dds_domainid_t) (((uint64_t) now.tv_nsec ^ ((uint64_t) getpid () << 8)) % 201u);
  if (setenv ("CYCLONEDDS_URI", LO_CONFIG, 1) != 0)
  {
    perror ("setenv");
    return 2;
  }
  say ("Cyclone loopback-only config, domain %" PRIu32, domain);

  /* Fork the echo peer before anything starts Cyclone threads in this process. */
  pid_t peer = fork ();
  if (peer < 0)
  {
    perror ("fork");
    return 2;
  }
  if (peer == 0)
  {
    int rc = run_echo_peer (domain);
    dds_delete (DDS_CYCLONEDDS_HANDLE);
    fflush (stdout);
    exit (rc);
  }

  test_local (domain);
#ifdef RDDS_SELFTEST_IDLC
  test_native (domain);
#else
  say ("native: skipped (built without idlc)");
#endif
  test_network (domain, peer);
  (void) dds_delete (DDS_CYCLONEDDS_HANDLE); /* releases whatever is left (nothing, normally: PRECONDITION_NOT_MET) */
  if (failures)
  {
    fprintf (stderr, "[selftest:parent] FAILED: %d check(s)\n", failures);
    return 1;
  }
  say ("PASSED");
  return 0;
}
