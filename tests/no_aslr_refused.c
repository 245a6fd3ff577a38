/*
 * no_aslr_refused.c - runs a command where personality(2) may not turn
 * address randomisation off, as under the default seccomp profile of
 * container runtimes, so that doctor and the runner can be tested on that
 * condition without a container.
 *
 * usage: no_aslr_refused COMMAND [ARG...]
 *
 * A seccomp filter (no privileges needed once no_new_privs is set) makes
 * every personality() call whose persona has ADDR_NO_RANDOMIZE fail with
 * EPERM and lets everything else through, the query personality(0xffffffff)
 * included, which is what such profiles do in effect.  The filter is
 * inherited by the command and all its children.  Exit status: the
 * command's, or 126 when the filter cannot be installed, 127 when the
 * command cannot be run.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <linux/audit.h>
#include <linux/filter.h>
#include <linux/seccomp.h>
#include <stddef.h>
#include <stdio.h>
#include <string.h>
#include <sys/personality.h>
#include <sys/prctl.h>
#include <sys/syscall.h>
#include <unistd.h>

static int install_filter(void)
{
    struct sock_filter code[] = {
        /* Another architecture's system call numbers mean other calls. */
        BPF_STMT(BPF_LD | BPF_W | BPF_ABS, offsetof(struct seccomp_data, arch)),
        BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, AUDIT_ARCH_X86_64, 1, 0),
        BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_ALLOW),
        BPF_STMT(BPF_LD | BPF_W | BPF_ABS, offsetof(struct seccomp_data, nr)),
        BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, __NR_personality, 1, 0),
        BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_ALLOW),
        /* The persona's low 32 bits: a query (0xffffffff) passes. */
        BPF_STMT(BPF_LD | BPF_W | BPF_ABS, offsetof(struct seccomp_data, args[0])),
        BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, 0xffffffffu, 2, 0),
        BPF_JUMP(BPF_JMP | BPF_JSET | BPF_K, ADDR_NO_RANDOMIZE, 0, 1),
        BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_ERRNO | (EPERM & SECCOMP_RET_DATA)),
        BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_ALLOW),
    };
    struct sock_fprog prog = {(unsigned short)(sizeof code / sizeof code[0]), code};
    if (prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0) != 0)
        return -1;
    return prctl(PR_SET_SECCOMP, SECCOMP_MODE_FILTER, &prog);
}

int main(int argc, char **argv)
{
    if (argc < 2) {
        fprintf(stderr, "usage: no_aslr_refused COMMAND [ARG...]\n");
        return 2;
    }
    if (install_filter() != 0) {
        fprintf(stderr, "no_aslr_refused: cannot install the seccomp filter: %s\n", strerror(errno));
        return 126;
    }
    execvp(argv[1], argv + 1);
    fprintf(stderr, "no_aslr_refused: %s: %s\n", argv[1], strerror(errno));
    return 127;
}
