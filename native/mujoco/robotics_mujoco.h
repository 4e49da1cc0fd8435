/* librobotics_mujoco.so: field accessors for MuJoCo 2.2.2's mjModel/mjData, so C# never hard-codes struct offsets.
 * Compiled against the installed headers (mjxmacro.h lists every field with its type and shape), so a different
 * MuJoCo build cannot silently shift a field. Everything else (load, step, reset, names) C# calls in libmujoco
 * directly. */
#ifndef ROBOTICS_MUJOCO_H
#define ROBOTICS_MUJOCO_H

#include <mujoco/mujoco.h>

#define RMJ_API __attribute__((visibility("default")))

/* Element types of an array field. */
enum rmj_type { RMJ_NONE = 0, RMJ_DOUBLE = 1, RMJ_INT = 2, RMJ_FLOAT = 3, RMJ_BYTE = 4, RMJ_CHAR = 5, RMJ_OTHER = 6 };

/* The headers this shim was compiled against (mjVERSION_HEADER); C# compares it with mj_version(). */
RMJ_API int rmj_header_version(void);

/* An int size field of mjModel (nq, nv, nu, nbody, nsensordata, ...). Returns 0 and sets *value, or -1 if unknown. */
RMJ_API int rmj_model_int(const mjModel* m, const char* name, int* value);

/* An array field of mjModel by name: its address, element type and shape (rows x cols); NULL if unknown. */
RMJ_API void* rmj_model_array(const mjModel* m, const char* name, int* type, int* rows, int* cols);

/* The same for mjData's array fields (qpos, qvel, ctrl, sensordata, xpos, site_xpos, ...). */
RMJ_API void* rmj_data_array(const mjModel* m, mjData* d, const char* name, int* type, int* rows, int* cols);

/* mjData's scalar fields (time, ncon, nefc, ...): address and type; NULL if unknown. */
RMJ_API void* rmj_data_scalar(mjData* d, const char* name, int* type);

/* mjOption's fields (timestep, gravity, ...): address, type and length; NULL if unknown. */
RMJ_API void* rmj_option(mjModel* m, const char* name, int* type, int* length);

/* Contact i of the current step (0 <= i < ncon): the two geoms, signed distance and position. -1 if out of range. */
RMJ_API int rmj_contact(const mjData* d, int i, int* geom1, int* geom2, double* dist, double* pos3);

/* Warning counters (mjNWARNING of them: inertia, contactfull, cnstrfull, vgeomfull, badqpos, badqvel, badqacc,
 * badctrl); the simulator turns a diverging state into an error instead of stepping on with NaN. */
RMJ_API int rmj_warning_count(const mjData* d, int warning);

/* n steps in C: the benchmark's peer for stepping from C#, and a cheap way to sub-step. */
RMJ_API void rmj_step_n(const mjModel* m, mjData* d, int n);

/* Route MuJoCo's warnings (by default printed to stdout and a MUJOCO_LOG.TXT in the working directory) to C#. */
RMJ_API void rmj_set_warning_handler(void (*handler)(const char*));

/* Offscreen camera (robotics_mujoco_render.c): MuJoCo's renderer on Mesa's software OSMesa context, no display needed.
 * Each call makes the renderer's GL context current on the calling thread and releases it again, so any thread may
 * render, one at a time per renderer. Rendering reads the model's <visual> settings (shadowsize, offsamples): they
 * decide the cost. */
typedef struct rmj_renderer rmj_renderer;

/* A renderer for width x height RGB images of model m (kept by pointer: m must outlive it). NULL with the reason in
 * error (Mesa missing, size out of range, MuJoCo's own renderer error). */
RMJ_API rmj_renderer* rmj_renderer_create(mjModel* m, int width, int height, char* error, int errsize);

/* Renders d (a state of the renderer's model) from fixed camera camera_id, or MuJoCo's default free view for -1, into
 * rgb_out (width*height*3 bytes, top row first). 0, or -1 with the reason in error. */
RMJ_API int rmj_renderer_render(rmj_renderer* r, mjData* d, int camera_id, unsigned char* rgb_out, char* error, int errsize);

RMJ_API void rmj_renderer_destroy(rmj_renderer* r);

#endif
