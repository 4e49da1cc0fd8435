/* See robotics_mujoco.h. Field tables come from mujoco/mjxmacro.h (X macros), so names, types and shapes are
 * the installed MuJoCo's own. */
#include "robotics_mujoco.h"

#include <mujoco/mjxmacro.h>
#include <string.h>

static int type_of(const char* name) {
  if (strcmp(name, "mjtNum") == 0) return RMJ_DOUBLE;
  if (strcmp(name, "int") == 0) return RMJ_INT;
  if (strcmp(name, "float") == 0) return RMJ_FLOAT;
  if (strcmp(name, "mjtByte") == 0) return RMJ_BYTE;
  if (strcmp(name, "char") == 0) return RMJ_CHAR;
  return RMJ_OTHER;
}

int rmj_header_version(void) { return mjVERSION_HEADER; }

int rmj_model_int(const mjModel* m, const char* name, int* value) {
#define X(field)                  \
  if (strcmp(name, #field) == 0) { \
    *value = (int)m->field;        \
    return 0;                      \
  }
  MJMODEL_INTS
#undef X
  return -1;
}

void* rmj_model_array(const mjModel* m, const char* name, int* type, int* rows, int* cols) {
  MJMODEL_POINTERS_PREAMBLE(m)
#define X(t, field, nr, nc)                \
  if (strcmp(name, #field) == 0) {         \
    *type = type_of(#t);                   \
    *rows = (int)m->nr;                    \
    *cols = (int)(nc);                     \
    return (void*)m->field;                \
  }
  MJMODEL_POINTERS
#undef X
  (void)nuser_body; (void)nuser_jnt; (void)nuser_geom; (void)nuser_site; (void)nuser_cam; (void)nuser_tendon;
  (void)nuser_actuator; (void)nuser_sensor; (void)nq; (void)nv; (void)na; (void)nu; (void)nmocap;
  *type = RMJ_NONE;
  return NULL;
}

void* rmj_data_array(const mjModel* m, mjData* d, const char* name, int* type, int* rows, int* cols) {
  MJDATA_POINTERS_PREAMBLE(m)
#define X(t, field, nr, nc)                \
  if (strcmp(name, #field) == 0) {         \
    *type = type_of(#t);                   \
    *rows = (int)m->nr;                    \
    *cols = (int)(nc);                     \
    return (void*)d->field;                \
  }
  MJDATA_POINTERS
#undef X
  (void)nv; (void)njmax;
  *type = RMJ_NONE;
  return NULL;
}

void* rmj_data_scalar(mjData* d, const char* name, int* type) {
#define X(t, field)                \
  if (strcmp(name, #field) == 0) { \
    *type = type_of(#t);           \
    return (void*)&d->field;       \
  }
  MJDATA_SCALAR
#undef X
  *type = RMJ_NONE;
  return NULL;
}

void* rmj_option(mjModel* m, const char* name, int* type, int* length) {
#define X(t, field)                \
  if (strcmp(name, #field) == 0) { \
    *type = type_of(#t);           \
    *length = 1;                   \
    return (void*)&m->opt.field;   \
  }
  MJOPTION_SCALARS
#undef X
#define X(field, n)                \
  if (strcmp(name, #field) == 0) { \
    *type = RMJ_DOUBLE;            \
    *length = (n);                 \
    return (void*)m->opt.field;    \
  }
  MJOPTION_VECTORS
#undef X
  *type = RMJ_NONE;
  return NULL;
}

int rmj_contact(const mjData* d, int i, int* geom1, int* geom2, double* dist, double* pos3) {
  if (i < 0 || i >= d->ncon) return -1;
  const mjContact* c = d->contact + i;
  *geom1 = c->geom1;
  *geom2 = c->geom2;
  *dist = c->dist;
  pos3[0] = c->pos[0];
  pos3[1] = c->pos[1];
  pos3[2] = c->pos[2];
  return 0;
}

int rmj_warning_count(const mjData* d, int warning) {
  if (warning < 0 || warning >= mjNWARNING) return -1;
  return d->warning[warning].number;
}

void rmj_step_n(const mjModel* m, mjData* d, int n) {
  for (int i = 0; i < n; i++) mj_step(m, d);
}

void rmj_set_warning_handler(void (*handler)(const char*)) { mju_user_warning = handler; }
