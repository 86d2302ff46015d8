// rdcheck NETNS IP6 HOSTIF -- CMD...: run CMD; the moment it exits, look for the IPv6
// local route of IP6 in NETNS (table local) and of fe80::1 on HOSTIF in this namespace.
// Prints "pod=0|1 host=0|1 us=<CMD wall time>" and exits with CMD's status.
#define _GNU_SOURCE
#include <arpa/inet.h>
#include <fcntl.h>
#include <linux/netlink.h>
#include <linux/rtnetlink.h>
#include <net/if.h>
#include <sched.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

static int has_local(int fd, const struct in6_addr *want, int oif) {
  struct { struct nlmsghdr h; struct rtmsg r; } req = {0};
  req.h.nlmsg_len = sizeof req; req.h.nlmsg_type = RTM_GETROUTE;
  req.h.nlmsg_flags = NLM_F_REQUEST | NLM_F_DUMP; req.h.nlmsg_seq = 1;
  req.r.rtm_family = AF_INET6; req.r.rtm_table = RT_TABLE_LOCAL;
  if (send(fd, &req, sizeof req, 0) < 0) { perror("send"); exit(9); }
  static char buf[1 << 16]; int found = 0;
  for (;;) {
    int n = recv(fd, buf, sizeof buf, 0); if (n <= 0) { perror("recv"); exit(9); }
    for (struct nlmsghdr *h = (void *)buf; NLMSG_OK(h, n); h = NLMSG_NEXT(h, n)) {
      if (h->nlmsg_type == NLMSG_DONE || h->nlmsg_type == NLMSG_ERROR) return found;
      struct rtmsg *r = NLMSG_DATA(h);
      if (r->rtm_type != RTN_LOCAL) continue;
      int len = RTM_PAYLOAD(h), dst_ok = 0, oif_ok = oif == 0;
      for (struct rtattr *a = RTM_RTA(r); RTA_OK(a, len); a = RTA_NEXT(a, len)) {
        if (a->rta_type == RTA_DST && !memcmp(RTA_DATA(a), want, 16)) dst_ok = 1;
        if (a->rta_type == RTA_OIF && *(int *)RTA_DATA(a) == oif) oif_ok = 1;
      }
      if (dst_ok && oif_ok) found = 1;
    }
  }
}

static int nlsock(void) {
  int fd = socket(AF_NETLINK, SOCK_RAW | SOCK_CLOEXEC, NETLINK_ROUTE), one = 1;
  setsockopt(fd, SOL_NETLINK, NETLINK_GET_STRICT_CHK, &one, sizeof one);
  return fd;
}

int main(int argc, char **argv) {
  if (argc < 6) { fprintf(stderr, "usage\n"); return 2; }
  struct in6_addr ip6, gw; inet_pton(AF_INET6, argv[2], &ip6); inet_pton(AF_INET6, "fe80::1", &gw);
  int nsfd = open(argv[1], O_RDONLY | O_CLOEXEC), hostfd = nlsock();
  int self = open("/proc/self/ns/net", O_RDONLY | O_CLOEXEC);
  setns(nsfd, CLONE_NEWNET); int podfd = nlsock(); setns(self, CLONE_NEWNET);
  struct timespec t0, t1; clock_gettime(CLOCK_MONOTONIC, &t0);
  pid_t p = fork();
  if (p == 0) { int dn = open("/dev/null", O_WRONLY); dup2(dn, 1); execvp(argv[5], argv + 5); _exit(127); }
  int st; waitpid(p, &st, 0);
  clock_gettime(CLOCK_MONOTONIC, &t1);
  int pod = has_local(podfd, &ip6, 0);
  int oif = if_nametoindex(argv[3]);
  int host = has_local(hostfd, &gw, oif);
  printf("pod=%d host=%d us=%ld\n", pod, host,
         (t1.tv_sec - t0.tv_sec) * 1000000 + (t1.tv_nsec - t0.tv_nsec) / 1000);
  return WIFEXITED(st) ? WEXITSTATUS(st) : 1;
}
