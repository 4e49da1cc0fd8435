/* A ROS 2-convention DDS peer built on Cyclone's own idlc-generated (de)serializers, for byte-exactness tests of
 * our C# CDR and DDS transport (tests/Robotics.Middleware.Dds.Tests/CycloneInteropTests.cs). Test tooling only.
 *
 *   interop_peer echo   TYPE TOPIC [secs]          take TYPE samples on TOPIC, write each one again on TOPIC_echo
 *   interop_peer print  TYPE TOPIC COUNT [secs]    print COUNT samples field by field ("key=value" lines)
 *   interop_peer server SERVICE [secs]             example_interfaces/srv/AddTwoInts server: answers a + b
 *   interop_peer client SERVICE A B [secs]         one AddTwoInts call; prints the reply
 *
 * TYPE is JointState or InteropProbe; TOPIC is a DDS topic name (rt/x for the ROS topic /x); SERVICE is a ROS
 * service name (/x, which uses the DDS topics rq/xRequest and rr/xReply). Domain from ROS_DOMAIN_ID (as rmw does), Cyclone configuration from CYCLONEDDS_URI. QoS is the ROS
 * default (reliable, keep-last 10, volatile, no autodispose). Prints "ready" once its endpoints matched the test's.
 * Exit codes: 0 done, 1 usage, 2 DDS error, 3 timeout.
 *
 * Services: Cyclone's request header (u64 client guid, i64 sequence; ROS2_WIRE.md "Services") is not part of any
 * IDL type, so those modes move raw CDR (dds_takecdr / dds_writecdr) and put the 16 bytes in front of a body that
 * idlc's serializer (dds_stream_read / dds_stream_write) handles. */
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "dds/dds.h"
#include "dds/ddsi/ddsi_cdrstream.h"
#include "dds/ddsi/ddsi_serdata.h"
#include "dds/ddsi/ddsi_sertype.h"
#include "example_interfaces.h"
#include "robotics_msgs.h"
#include "sensor_msgs.h"

static dds_entity_t pp;

static void fail (const char *what, dds_return_t rc)
{
  fprintf (stderr, "interop_peer: %s: %s\n", what, dds_strretcode (rc));
  exit (2);
}

static dds_entity_t endpoint (const dds_topic_descriptor_t *desc, const char *name, int writer)
{
  dds_entity_t tp = dds_create_topic (pp, desc, name, NULL, NULL);
  if (tp < 0)
    fail (name, tp);
  dds_qos_t *q = dds_create_qos ();
  dds_qset_reliability (q, DDS_RELIABILITY_RELIABLE, DDS_INFINITY);
  dds_qset_history (q, DDS_HISTORY_KEEP_LAST, 10);
  dds_qset_durability (q, DDS_DURABILITY_VOLATILE);
  dds_qset_writer_data_lifecycle (q, false);
  dds_entity_t e = writer ? dds_create_writer (pp, tp, q, NULL) : dds_create_reader (pp, tp, q, NULL);
  dds_delete_qos (q);
  if (e < 0)
    fail (writer ? "create_writer" : "create_reader", e);
  return e;
}

/* Waits until every given endpoint matched at least one remote one, then says so on stdout. */
static void wait_matched (dds_entity_t reader, dds_entity_t writer, dds_time_t deadline)
{
  dds_subscription_matched_status_t rs = { 0 };
  dds_publication_matched_status_t ws = { 0 };
  while (dds_time () < deadline)
  {
    if (reader)
      dds_get_subscription_matched_status (reader, &rs);
    if (writer)
      dds_get_publication_matched_status (writer, &ws);
    if ((!reader || rs.current_count > 0) && (!writer || ws.current_count > 0))
    {
      printf ("ready\n");
      fflush (stdout);
      return;
    }
    dds_sleepfor (DDS_MSECS (10));
  }
  fprintf (stderr, "interop_peer: nothing matched\n");
  exit (3);
}

static dds_entity_t waitset_on (dds_entity_t reader)
{
  dds_entity_t ws = dds_create_waitset (pp);
  dds_set_status_mask (reader, DDS_DATA_AVAILABLE_STATUS);
  dds_waitset_attach (ws, reader, 0);
  return ws;
}

/* ---- printing (mode print): one "key=value" line per field; doubles with 17 and floats with 9 significant
   digits, which read back to the identical value. ---- */

static void print_doubles (const char *key, const dds_sequence_double *s)
{
  printf ("%s.size=%" PRIu32 "\n", key, s->_length);
  for (uint32_t i = 0; i < s->_length; i++)
    printf ("%s[%" PRIu32 "]=%.17g\n", key, i, s->_buffer[i]);
}

static void print_strings (const char *key, const dds_sequence_string *s)
{
  printf ("%s.size=%" PRIu32 "\n", key, s->_length);
  for (uint32_t i = 0; i < s->_length; i++)
    printf ("%s[%" PRIu32 "]=%s\n", key, i, s->_buffer[i]);
}

static void print_point (const char *key, const struct geometry_msgs_msg_dds__Point_ *p)
{
  printf ("%s.x=%.17g\n%s.y=%.17g\n%s.z=%.17g\n", key, p->x, key, p->y, key, p->z);
}

static void print_joint_state (const void *sample)
{
  const sensor_msgs_msg_dds__JointState_ *m = sample;
  printf ("header.stamp.sec=%" PRId32 "\n", m->header.stamp.sec);
  printf ("header.stamp.nanosec=%" PRIu32 "\n", m->header.stamp.nanosec);
  printf ("header.frame_id=%s\n", m->header.frame_id);
  print_strings ("name", &m->name);
  print_doubles ("position", &m->position);
  print_doubles ("velocity", &m->velocity);
  print_doubles ("effort", &m->effort);
}

static void print_interop_probe (const void *sample)
{
  const robotics_msgs_msg_dds__InteropProbe_ *m = sample;
  printf ("b=%s\ny=%u\nc=%u\ni8=%d\nu8=%u\n", m->b ? "true" : "false", m->y, m->c, m->i8, m->u8);
  printf ("i16=%d\nu16=%u\ni32=%" PRId32 "\nu32=%" PRIu32 "\n", m->i16, m->u16, m->i32, m->u32);
  printf ("i64=%" PRId64 "\nu64=%" PRIu64 "\nf32=%.9g\nf64=%.17g\n", m->i64, m->u64, (double) m->f32, m->f64);
  printf ("s=%s\nbounded_s=%s\n", m->s, m->bounded_s);
  for (int i = 0; i < 3; i++)
    printf ("fixed_i16[%d]=%d\n", i, m->fixed_i16[i]);
  print_doubles ("bounded_f64", &m->bounded_f64);
  printf ("bytes.size=%" PRIu32 "\n", m->bytes._length);
  for (uint32_t i = 0; i < m->bytes._length; i++)
    printf ("bytes[%" PRIu32 "]=%u\n", i, m->bytes._buffer[i]);
  print_strings ("strings", &m->strings);
  printf ("bounded_strings.size=%" PRIu32 "\n", m->bounded_strings._length);
  for (uint32_t i = 0; i < m->bounded_strings._length; i++)
    printf ("bounded_strings[%" PRIu32 "]=%s\n", i, m->bounded_strings._buffer[i]);
  printf ("stamp.sec=%" PRId32 "\nstamp.nanosec=%" PRIu32 "\n", m->stamp.sec, m->stamp.nanosec);
  print_point ("fixed_points[0]", &m->fixed_points[0]);
  print_point ("fixed_points[1]", &m->fixed_points[1]);
  printf ("points.size=%" PRIu32 "\n", m->points._length);
  for (uint32_t i = 0; i < m->points._length; i++)
  {
    char key[32];
    snprintf (key, sizeof key, "points[%" PRIu32 "]", i);
    print_point (key, &m->points._buffer[i]);
  }
  printf ("i64s.size=%" PRIu32 "\n", m->i64s._length);
  for (uint32_t i = 0; i < m->i64s._length; i++)
    printf ("i64s[%" PRIu32 "]=%" PRId64 "\n", i, m->i64s._buffer[i]);
}

static const struct { const char *name; const dds_topic_descriptor_t *desc; void (*print) (const void *); } types[] = {
  { "JointState", &sensor_msgs_msg_dds__JointState__desc, print_joint_state },
  { "InteropProbe", &robotics_msgs_msg_dds__InteropProbe__desc, print_interop_probe },
};

/* ---- echo / print ---- */

static int run_topic (int echo, const char *type_name, const char *topic, int count, int secs)
{
  size_t t = 0;
  while (t < sizeof types / sizeof types[0] && strcmp (types[t].name, type_name) != 0)
    t++;
  if (t == sizeof types / sizeof types[0])
  {
    fprintf (stderr, "interop_peer: unknown type %s\n", type_name);
    return 1;
  }

  const dds_time_t deadline = dds_time () + DDS_SECS (secs);
  dds_entity_t rd = endpoint (types[t].desc, topic, 0);
  dds_entity_t wr = 0;
  if (echo)
  {
    char out[256];
    snprintf (out, sizeof out, "%s_echo", topic);
    wr = endpoint (types[t].desc, out, 1);
  }
  wait_matched (rd, wr, deadline);
  dds_entity_t ws = waitset_on (rd);
  int got = 0;
  while ((echo || got < count) && dds_time () < deadline)
  {
    dds_waitset_wait (ws, NULL, 0, DDS_MSECS (100));
    void *samples[1] = { NULL };
    dds_sample_info_t si;
    while (dds_take (rd, samples, &si, 1, 1) > 0)
    {
      if (si.valid_data)
      {
        if (echo)
        {
          dds_return_t rc = dds_write (wr, samples[0]); /* re-serialized by idlc's serializer */
          if (rc < 0)
            fail ("write", rc);
        }
        else
        {
          printf ("sample %d\n", got);
          types[t].print (samples[0]);
          printf ("end\n");
          fflush (stdout);
        }
        got++;
      }
      dds_return_loan (rd, samples, 1);
    }
  }
  printf ("%s: %d samples\n", echo ? "echoed" : "printed", got);
  return echo || got >= count ? 0 : 3;
}

/* ---- services: raw CDR = 4-byte encapsulation header, 16-byte request header, idlc-serialized body ---- */

#define CDR_HEADER 4
#define REQUEST_HEADER 16

/* Cyclone 0.10 has no public call that returns a topic's sertype, which dds_writecdr needs. A sample written and
   taken on a private topic of the same type carries it; Cyclone interns sertypes per domain, so it is the very
   sertype of every other topic of that type in this participant. */
static const struct ddsi_sertype *sertype_of (const dds_topic_descriptor_t *desc)
{
  char name[128];
  snprintf (name, sizeof name, "interop_peer_sertype_%s", desc->m_typename);
  for (char *p = name; *p; p++)
    if (*p == ':')
      *p = '_';
  dds_entity_t rd = endpoint (desc, name, 0), wr = endpoint (desc, name, 1);
  void *zero = calloc (1, desc->m_size);
  dds_return_t rc = dds_write (wr, zero);
  free (zero);
  if (rc < 0)
    fail ("write (sertype probe)", rc);
  struct ddsi_serdata *sd = NULL;
  dds_sample_info_t si;
  if ((rc = dds_takecdr (rd, &sd, 1, &si, 0)) != 1)
    fail ("takecdr (sertype probe)", rc);
  const struct ddsi_sertype *type = ddsi_sertype_ref (sd->type);
  ddsi_serdata_unref (sd);
  return type;
}

/* Raw bytes of a received sample; the caller frees them. */
static unsigned char *serdata_bytes (struct ddsi_serdata *sd, uint32_t *size)
{
  *size = ddsi_serdata_size (sd);
  unsigned char *buf = malloc (*size);
  ddsi_serdata_to_ser (sd, 0, *size, buf);
  return buf;
}

static void get_le64 (const unsigned char *p, void *out)
{
  uint64_t v = 0;
  for (int i = 7; i >= 0; i--)
    v = (v << 8) | p[i];
  memcpy (out, &v, 8);
}

static void put_le64 (unsigned char *p, uint64_t v)
{
  for (int i = 0; i < 8; i++, v >>= 8)
    p[i] = (unsigned char) v;
}

/* Decodes request header and body (little-endian CDR only: what ROS writers on x86 and ARM send). */
static int decode_service (struct ddsi_serdata *sd, uint64_t *client, int64_t *seq, void *body, const dds_topic_descriptor_t *desc)
{
  uint32_t size;
  unsigned char *buf = serdata_bytes (sd, &size);
  /* AddTwoInts bodies are fixed-size (m_size bytes of int64), so this also keeps dds_stream_read in bounds. */
  int ok = size >= CDR_HEADER + REQUEST_HEADER + desc->m_size && buf[0] == 0x00 && buf[1] == 0x01;
  if (ok)
  {
    get_le64 (buf + CDR_HEADER, client);
    get_le64 (buf + CDR_HEADER + 8, seq);
    /* 16 is a multiple of 8, so the body's alignment is the same counted from here as from the CDR header. */
    dds_istream_t is;
    dds_istream_init (&is, size - CDR_HEADER - REQUEST_HEADER, buf + CDR_HEADER + REQUEST_HEADER, 1);
    dds_stream_read (&is, body, desc->m_ops);
  }
  free (buf);
  return ok;
}

static void write_service (dds_entity_t wr, const struct ddsi_sertype *type, uint64_t client, int64_t seq, const void *body, const dds_topic_descriptor_t *desc)
{
  dds_ostream_t os;
  dds_ostream_init (&os, 0, 1);
  dds_stream_write (&os, body, desc->m_ops);
  const uint32_t unpadded = CDR_HEADER + REQUEST_HEADER + os.m_index, size = (unpadded + 3) & ~3u;
  unsigned char *buf = calloc (1, size);
  buf[1] = 0x01;                            /* CDR little-endian */
  buf[3] = (unsigned char) (size - unpadded); /* options = padding count, as Cyclone writes it */
  put_le64 (buf + CDR_HEADER, client);
  put_le64 (buf + CDR_HEADER + 8, (uint64_t) seq);
  memcpy (buf + CDR_HEADER + REQUEST_HEADER, os.m_buffer, os.m_index);
  dds_ostream_fini (&os);
  ddsrt_iovec_t iov = { .iov_base = buf, .iov_len = size };
  struct ddsi_serdata *sd = ddsi_serdata_from_ser_iov (type, SDK_DATA, 1, &iov, size);
  free (buf);
  if (sd == NULL)
    fail ("serdata_from_ser_iov", DDS_RETCODE_ERROR);
  dds_return_t rc = dds_writecdr (wr, sd); /* consumes sd */
  if (rc < 0)
    fail ("writecdr", rc);
}

static int run_service (int server, const char *service, int64_t a, int64_t b, int secs)
{
  char rq[256], rr[256];
  snprintf (rq, sizeof rq, "rq%sRequest", service);
  snprintf (rr, sizeof rr, "rr%sReply", service);
  const dds_topic_descriptor_t *req_desc = &example_interfaces_srv_dds__AddTwoInts_Request__desc;
  const dds_topic_descriptor_t *rep_desc = &example_interfaces_srv_dds__AddTwoInts_Response__desc;
  const struct ddsi_sertype *out_type = sertype_of (server ? rep_desc : req_desc);
  const dds_time_t deadline = dds_time () + DDS_SECS (secs);
  dds_entity_t rd = endpoint (server ? req_desc : rep_desc, server ? rq : rr, 0);
  dds_entity_t wr = endpoint (server ? rep_desc : req_desc, server ? rr : rq, 1);
  wait_matched (rd, wr, deadline);
  dds_entity_t ws = waitset_on (rd);
  const uint64_t my_client = 0x1122334455667788u;
  int answered = 0;
  dds_time_t resend = 0;
  while ((server || !answered) && dds_time () < deadline)
  {
    if (!server && dds_time () >= resend)
    {
      /* Resent until answered: the server's reader drops what arrives before it has matched our writer, and only
         our side's half of the match is visible here. Same sequence number, so a duplicate is just ignored. */
      example_interfaces_srv_dds__AddTwoInts_Request_ request = { .a = a, .b = b };
      write_service (wr, out_type, my_client, 1, &request, req_desc);
      resend = dds_time () + DDS_MSECS (500);
    }
    dds_waitset_wait (ws, NULL, 0, DDS_MSECS (100));
    struct ddsi_serdata *sd = NULL;
    dds_sample_info_t si;
    while (dds_takecdr (rd, &sd, 1, &si, 0) == 1)
    {
      uint64_t client;
      int64_t seq;
      if (si.valid_data && server)
      {
        example_interfaces_srv_dds__AddTwoInts_Request_ request = { 0 };
        if (decode_service (sd, &client, &seq, &request, req_desc))
        {
          printf ("request client=%016" PRIx64 " seq=%" PRId64 " a=%" PRId64 " b=%" PRId64 "\n", client, seq, request.a, request.b);
          fflush (stdout);
          example_interfaces_srv_dds__AddTwoInts_Response_ response = { .sum = request.a + request.b };
          write_service (wr, out_type, client, seq, &response, rep_desc);
          answered++;
        }
      }
      else if (si.valid_data)
      {
        example_interfaces_srv_dds__AddTwoInts_Response_ response = { 0 };
        if (decode_service (sd, &client, &seq, &response, rep_desc) && client == my_client && !answered)
        {
          printf ("reply seq=%" PRId64 " sum=%" PRId64 "\n", seq, response.sum);
          answered++;
        }
      }
      ddsi_serdata_unref (sd);
    }
  }
  printf ("%s: %d\n", server ? "answered" : "replies", answered);
  ddsi_sertype_unref ((struct ddsi_sertype *) out_type);
  return server || answered ? 0 : 3;
}

int main (int argc, char **argv)
{
  if (argc < 3)
  {
    fprintf (stderr, "usage: interop_peer echo TYPE TOPIC [secs] | print TYPE TOPIC COUNT [secs] | server SERVICE [secs] | client SERVICE A B [secs]\n");
    return 1;
  }
  const char *domain = getenv ("ROS_DOMAIN_ID");
  dds_qos_t *q = dds_create_qos ();
  dds_qset_userdata (q, "enclave=/;", strlen ("enclave=/;"));
  pp = dds_create_participant (domain && *domain ? (dds_domainid_t) atoi (domain) : 0, q, NULL);
  dds_delete_qos (q);
  if (pp < 0)
    fail ("create_participant", pp);

  const char *mode = argv[1];
  int rc = 1;
  if (strcmp (mode, "echo") == 0 && argc >= 4)
    rc = run_topic (1, argv[2], argv[3], 0, argc > 4 ? atoi (argv[4]) : 30);
  else if (strcmp (mode, "print") == 0 && argc >= 5)
    rc = run_topic (0, argv[2], argv[3], atoi (argv[4]), argc > 5 ? atoi (argv[5]) : 30);
  else if (strcmp (mode, "server") == 0)
    rc = run_service (1, argv[2], 0, 0, argc > 3 ? atoi (argv[3]) : 30);
  else if (strcmp (mode, "client") == 0 && argc >= 5)
    rc = run_service (0, argv[2], strtoll (argv[3], NULL, 10), strtoll (argv[4], NULL, 10), argc > 5 ? atoi (argv[5]) : 30);
  else
    fprintf (stderr, "interop_peer: bad arguments for %s\n", mode);
  fflush (stdout);
  dds_delete (pp);
  return rc;
}
