/* error: the one status enum of redress, and the message that goes with a failure. */
#ifndef REDRESS_ERROR_H
#define REDRESS_ERROR_H

#include <stddef.h>

typedef enum RdStatus {
   RD_OK = 0,
   RD_EUSAGE,     /* the command line is wrong */
   RD_EINPUT,     /* a value, file or date given is malformed */
   RD_ECONFIG,    /* the configuration file is wrong */
   RD_ENOTFOUND,  /* what was named does not exist */
   RD_ERULE,      /* a rule of the policy or the Code refuses it */
   RD_ECONFLICT,  /* someone else saved a newer version first */
   RD_EDENIED,    /* the user's role does not allow it */
   RD_EDB,        /* the database failed or is not usable */
   RD_EIO         /* a file could not be read or written */
} RdStatus;

/* A failure with its explanation, filled by the function that refuses. */
typedef struct RdError {
   RdStatus status;
   char message[1024];
} RdError;

void error_clear(RdError *err);

/* Records status and message in err (which may be NULL) and returns status. */
RdStatus error_set(RdError *err, RdStatus status, const char *fmt, ...)
   __attribute__((format(printf, 3, 4)));

/* Puts "prefix: " in front of the message already held. */
void error_prefix(RdError *err, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

const char *error_status_name(RdStatus status);

/* 0 success, 1 refused by a rule, 2 bad usage or input, 3 the system failed. */
int error_exit_code(RdStatus status);

#endif
