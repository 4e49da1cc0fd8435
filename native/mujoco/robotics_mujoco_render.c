/* Offscreen rendering of a MuJoCo scene into an RGB buffer (the simulated camera, SimCamera in C#), through Mesa's
 * OSMesa (software llvmpipe): no display, no GPU, no EGL device needed.
 *
 * Two things about MuJoCo 2.2.2's renderer shape this file:
 *  - Its GL loader (mjr_makeContext) does not open a GL library of its own: it looks up eglGetProcAddress, then
 *    OSMesaGetProcAddress, then glXGetProcAddressARB in the process's global symbol scope (dlopen(NULL)), and failing
 *    that in an already-loaded library whose path names libGLX.so, libGL.so, libEGL.so or libOSMesa.so. So libOSMesa
 *    must be in the process before mjr_makeContext: we dlopen it RTLD_GLOBAL (the first place MuJoCo looks) at the
 *    first camera instead of linking it, which also lets the shim load, for physics alone, on a machine without Mesa.
 *  - Its failures (no GL, framebuffer incomplete, out of memory) go through mju_error, whose default prints, waits for
 *    Enter and exit()s the process. While a renderer call is in MuJoCo we route mju_error to a longjmp back here and
 *    return the text as an error instead. */
#include <dlfcn.h>
#include <pthread.h>
#include <setjmp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <GL/osmesa.h>

#include "robotics_mujoco.h"

typedef OSMesaContext (*create_context_fn)(GLenum format, GLint depth_bits, GLint stencil_bits, GLint accum_bits,
                                           OSMesaContext sharelist);
typedef GLboolean (*make_current_fn)(OSMesaContext ctx, void* buffer, GLenum type, GLsizei width, GLsizei height);
typedef void (*destroy_context_fn)(OSMesaContext ctx);

static struct {
  int loaded;
  create_context_fn create_context;
  make_current_fn make_current;
  destroy_context_fn destroy_context;
} osmesa;

/* Creation edits the model's offscreen size for a moment and installs the error hook: one creation at a time. */
static pthread_mutex_t create_lock = PTHREAD_MUTEX_INITIALIZER;

/* The longjmp target of the calling thread while it is inside MuJoCo's renderer, and the error text it carries. */
static _Thread_local jmp_buf* error_jump;
static _Thread_local char error_text[512];
/* The mju_user_error that was installed before ours: errors outside a renderer call still go where they went. */
static void (*next_error_handler)(const char*);

struct rmj_renderer {
  const mjModel* m;
  OSMesaContext gl;
  /* OSMesa's own framebuffer: MuJoCo draws into its offscreen FBO, but OSMesaMakeCurrent needs a buffer to bind. */
  unsigned char* window;
  unsigned char* row; /* one row of scratch for the vertical flip */
  int width, height;
  mjvScene scene;
  mjvOption option;
  mjrContext context;
};

static void on_mujoco_error(const char* message) {
  if (error_jump) {
    snprintf(error_text, sizeof error_text, "%s", message);
    longjmp(*error_jump, 1);
  }
  if (next_error_handler) {
    next_error_handler(message);
    return;
  }
  /* MuJoCo's own default (log, print, exit), without its wait for Enter, which would hang a service. */
  mju_writeLog("ERROR", message);
  fprintf(stderr, "MuJoCo error: %s\n", message);
  exit(1);
}

/* Runs body(arg) with mju_error turned into a return: 0, or -1 with MuJoCo's text in error. */
static int guarded(void (*body)(void*), void* arg, char* error, int errsize) {
  jmp_buf jump;
  jmp_buf* outer = error_jump;
  if (setjmp(jump)) {
    error_jump = outer;
    snprintf(error, (size_t)errsize, "MuJoCo renderer: %s", error_text);
    return -1;
  }
  error_jump = &jump;
  body(arg);
  error_jump = outer;
  return 0;
}

static int load_osmesa(char* error, int errsize) {
  if (osmesa.loaded) return 0;
  /* libosmesa6 ships libOSMesa.so.8; the unversioned name exists only with libosmesa6-dev. */
  static const char* const names[] = {"libOSMesa.so.8", "libOSMesa.so"};
  void* lib = NULL;
  for (size_t i = 0; i < sizeof names / sizeof names[0] && !lib; i++) lib = dlopen(names[i], RTLD_NOW | RTLD_GLOBAL);
  if (!lib) {
    snprintf(error, (size_t)errsize, "Mesa's offscreen GL (libOSMesa.so.8) could not be loaded: %s; run scripts/bootstrap (apt libosmesa6)",
             dlerror());
    return -1;
  }
  osmesa.create_context = (create_context_fn)dlsym(lib, "OSMesaCreateContextExt");
  osmesa.make_current = (make_current_fn)dlsym(lib, "OSMesaMakeCurrent");
  osmesa.destroy_context = (destroy_context_fn)dlsym(lib, "OSMesaDestroyContext");
  if (!osmesa.create_context || !osmesa.make_current || !osmesa.destroy_context || !dlsym(lib, "OSMesaGetProcAddress")) {
    snprintf(error, (size_t)errsize, "libOSMesa lacks the OSMesa entry points MuJoCo needs (OSMesaCreateContextExt, OSMesaGetProcAddress)");
    return -1;
  }
  /* Kept loaded for the life of the process: MuJoCo holds pointers into it. */
  osmesa.loaded = 1;
  return 0;
}

static int make_current(rmj_renderer* r) {
  return osmesa.make_current(r->gl, r->window, GL_UNSIGNED_BYTE, r->width, r->height) ? 0 : -1;
}

/* Unbinds the context from this thread, so the next call may come from another thread. */
static void release_current(void) { osmesa.make_current(NULL, NULL, 0, 0, 0); }

static void create_body(void* arg) {
  rmj_renderer* r = arg;
  /* Room for every model geom and site plus MuJoCo's decorations (frames, contact points) if a caller enables them. */
  mjv_makeScene(r->m, &r->scene, 1000 + r->m->ngeom + r->m->nsite);
  /* Text is never drawn into a camera image: the smallest font keeps creation cheap. */
  mjr_makeContext(r->m, &r->context, mjFONTSCALE_50);
  mjr_setBuffer(mjFB_OFFSCREEN, &r->context);
}

static void free_renderer(rmj_renderer* r) {
  if (r->gl) {
    if (make_current(r) == 0) {
      /* Both free only what was made, so a renderer whose mjr_makeContext failed halfway frees cleanly too. */
      mjr_freeContext(&r->context);
      mjv_freeScene(&r->scene);
      release_current();
    }
    osmesa.destroy_context(r->gl);
  }
  free(r->window);
  free(r->row);
  free(r);
}

/* The part of creation that runs under create_lock; NULL with error set on failure. */
static rmj_renderer* create_locked(mjModel* m, int width, int height, char* error, int errsize) {
  if (load_osmesa(error, errsize) != 0) return NULL;
  if (mju_user_error != on_mujoco_error) {
    next_error_handler = mju_user_error;
    mju_user_error = on_mujoco_error;
  }

  rmj_renderer* r = calloc(1, sizeof *r);
  if (!r) {
    snprintf(error, (size_t)errsize, "out of memory for a %dx%d camera", width, height);
    return NULL;
  }
  r->m = m;
  r->width = width;
  r->height = height;
  mjv_defaultScene(&r->scene);
  mjv_defaultOption(&r->option);
  mjr_defaultContext(&r->context);
  r->window = malloc((size_t)width * (size_t)height * 4);
  r->row = malloc((size_t)width * 3);
  if (!r->window || !r->row) {
    snprintf(error, (size_t)errsize, "out of memory for a %dx%d camera", width, height);
    free_renderer(r);
    return NULL;
  }

  /* RGBA with a 24-bit depth and 8-bit stencil buffer, as MuJoCo's own windows ask for (shadows, reflections). */
  r->gl = osmesa.create_context(OSMESA_RGBA, 24, 8, 0, NULL);
  if (!r->gl) {
    snprintf(error, (size_t)errsize, "OSMesaCreateContextExt(OSMESA_RGBA, 24, 8, 0) failed: Mesa could not create a software GL context");
    free_renderer(r);
    return NULL;
  }
  if (make_current(r) != 0) {
    snprintf(error, (size_t)errsize, "OSMesaMakeCurrent failed for a %dx%d buffer", width, height);
    free_renderer(r);
    return NULL;
  }

  /* mjr_makeContext sizes its offscreen buffer from <visual><global offwidth/offheight> (640x480 by default): make
   * it exactly the camera's, then put the model back. */
  int offwidth = m->vis.global.offwidth, offheight = m->vis.global.offheight;
  m->vis.global.offwidth = width;
  m->vis.global.offheight = height;
  int failed = guarded(create_body, r, error, errsize);
  m->vis.global.offwidth = offwidth;
  m->vis.global.offheight = offheight;
  release_current();
  if (failed) {
    /* A failed mjr_makeContext leaves GL objects behind; they go with the context (mjr_freeContext is safe on a
     * half-made one: it deletes only what exists). */
    free_renderer(r);
    return NULL;
  }
  return r;
}

rmj_renderer* rmj_renderer_create(mjModel* m, int width, int height, char* error, int errsize) {
  if (errsize > 0) error[0] = '\0';
  /* llvmpipe's framebuffer limit is 16384; a camera that size would need gigabytes anyway. */
  if (width <= 0 || height <= 0 || width > 8192 || height > 8192) {
    snprintf(error, (size_t)errsize, "camera image size %dx%d is out of range (1..8192 pixels a side)", width, height);
    return NULL;
  }
  pthread_mutex_lock(&create_lock);
  rmj_renderer* r = create_locked(m, width, height, error, errsize);
  pthread_mutex_unlock(&create_lock);
  return r;
}

struct render_args {
  rmj_renderer* r;
  mjData* d;
  mjvCamera* camera;
  unsigned char* rgb;
};

static void render_body(void* arg) {
  struct render_args* a = arg;
  rmj_renderer* r = a->r;
  mjrRect viewport = {0, 0, r->width, r->height};
  mjv_updateScene(r->m, a->d, &r->option, NULL, a->camera, mjCAT_ALL, &r->scene);
  mjr_setBuffer(mjFB_OFFSCREEN, &r->context);
  mjr_render(viewport, &r->scene, &r->context);
  mjr_readPixels(a->rgb, NULL, viewport, &r->context);
}

int rmj_renderer_render(rmj_renderer* r, mjData* d, int camera_id, unsigned char* rgb_out, char* error, int errsize) {
  if (errsize > 0) error[0] = '\0';
  if (camera_id < -1 || camera_id >= r->m->ncam) {
    if (r->m->ncam == 0)
      snprintf(error, (size_t)errsize, "camera id %d: the model has no cameras (-1 renders the free view)", camera_id);
    else
      snprintf(error, (size_t)errsize, "camera id %d is out of range (-1 for the free view, or 0..%d)", camera_id, r->m->ncam - 1);
    return -1;
  }
  mjvCamera camera;
  if (camera_id < 0) {
    /* The default free view: centred on the model's extent (mjModel.stat), as MuJoCo's simulate starts. */
    mjv_defaultFreeCamera(r->m, &camera);
  } else {
    mjv_defaultCamera(&camera);
    camera.type = mjCAMERA_FIXED;
    camera.fixedcamid = camera_id;
  }
  if (make_current(r) != 0) {
    snprintf(error, (size_t)errsize, "OSMesaMakeCurrent failed");
    return -1;
  }
  struct render_args args = {r, d, &camera, rgb_out};
  int failed = guarded(render_body, &args, error, errsize);
  release_current();
  if (failed) return -1;

  /* glReadPixels returns the bottom row first; images (sensor_msgs/Image, PNG) start at the top. */
  size_t stride = (size_t)r->width * 3;
  for (int top = 0, bottom = r->height - 1; top < bottom; top++, bottom--) {
    unsigned char* a = rgb_out + (size_t)top * stride;
    unsigned char* b = rgb_out + (size_t)bottom * stride;
    memcpy(r->row, a, stride);
    memcpy(a, b, stride);
    memcpy(b, r->row, stride);
  }
  return 0;
}

void rmj_renderer_destroy(rmj_renderer* r) {
  if (r) free_renderer(r);
}
