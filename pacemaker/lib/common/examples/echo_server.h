/*
 * An example IPC server on libcrmcommon, the smallest complete daemon
 * shape: requests answered at once or later, notifications to subscribers.
 *
 *   <echo>...</echo>           reply <echo-reply> with the same children
 *   <later delay-ms="N"/>      reply <later-reply/> after N ms
 *   <subscribe/>               reply <ok/>; the client then gets notices
 *   <broadcast text="T"/>      send <notice text="T"/> to subscribers
 * Anything else gets <error reason="..."/>.
 */
#ifndef ECHO_SERVER_H
#define ECHO_SERVER_H

/* Serve IPC @name until SIGTERM/SIGINT.  Returns 0 or -errno. */
int echo_server_run(const char *name);

#endif
