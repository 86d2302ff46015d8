// libcni-driver drives a CNI network config list through libcni, as container runtimes
// do (containerd, CRI-O and podman's CNI backend all use libcni). It builds offline from
// Debian's golang-github-appc-cni-dev:
//
//	GO111MODULE=off GOPATH=/usr/share/gocode go build -o libcni-driver .
//
// Usage: libcni-driver CNI_PATH CACHE_DIR CONFLIST COMMAND [CONTAINER NETNS IFNAME]
// with COMMAND one of ADD (prints the result), CHECK, DEL, VALIDATE (prints the
// versions), GC (stdin: the valid attachments as "CONTAINER IFNAME" lines) and STATUS.
// This libcni (1.1) predates GC and STATUS, so those two are sent the way libcni 1.2's
// GCNetworkList and GetStatusNetworkList send them, through libcni's own invoke package.
package main

import (
	"bufio"
	"context"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"github.com/containernetworking/cni/libcni"
	"github.com/containernetworking/cni/pkg/invoke"
)

func die(format string, args ...interface{}) {
	fmt.Fprintf(os.Stderr, "libcni-driver: "+format+"\n", args...)
	os.Exit(1)
}

func main() {
	if len(os.Args) < 5 {
		die("usage: libcni-driver CNI_PATH CACHE_DIR CONFLIST COMMAND [CONTAINER NETNS IFNAME]")
	}
	path := filepath.SplitList(os.Args[1])
	cni := libcni.NewCNIConfigWithCacheDir(path, os.Args[2], nil)
	list, err := libcni.ConfListFromFile(os.Args[3])
	if err != nil {
		die("reading %s: %v", os.Args[3], err)
	}
	ctx := context.Background()
	command := os.Args[4]
	var rt *libcni.RuntimeConf
	if len(os.Args) == 8 {
		rt = &libcni.RuntimeConf{ContainerID: os.Args[5], NetNS: os.Args[6], IfName: os.Args[7]}
	}
	need := func() {
		if rt == nil {
			die("%s needs CONTAINER NETNS IFNAME", command)
		}
	}
	switch command {
	case "ADD":
		need()
		res, err := cni.AddNetworkList(ctx, list, rt)
		if err != nil {
			die("ADD: %v", err)
		}
		if err := res.Print(); err != nil {
			die("printing the result: %v", err)
		}
	case "CHECK":
		need()
		if err := cni.CheckNetworkList(ctx, list, rt); err != nil {
			die("CHECK: %v", err)
		}
	case "DEL":
		need()
		if err := cni.DelNetworkList(ctx, list, rt); err != nil {
			die("DEL: %v", err)
		}
	case "VALIDATE":
		caps, err := cni.ValidateNetworkList(ctx, list)
		if err != nil {
			die("VALIDATE: %v", err)
		}
		for _, p := range list.Plugins {
			info, err := cni.GetVersionInfo(ctx, p.Network.Type)
			if err != nil {
				die("VERSION of %s: %v", p.Network.Type, err)
			}
			fmt.Printf("%s %s\n", p.Network.Type, strings.Join(info.SupportedVersions(), ","))
		}
		_ = caps
	case "GC", "STATUS":
		if err := gcOrStatus(ctx, path, list, command); err != nil {
			die("%s: %v", command, err)
		}
	default:
		die("unknown command %q", command)
	}
}

// gcOrStatus sends GC or STATUS to every plugin of the list as libcni 1.2 does: each
// plugin's config with the list's name and cniVersion injected, for GC also
// cni.dev/valid-attachments (and, as libcni 1.2 also sends it, cni.dev/attachments).
func gcOrStatus(ctx context.Context, path []string, list *libcni.NetworkConfigList, command string) error {
	var valid []map[string]string
	if command == "GC" {
		valid = []map[string]string{}
		sc := bufio.NewScanner(os.Stdin)
		for sc.Scan() {
			f := strings.Fields(sc.Text())
			if len(f) == 2 {
				valid = append(valid, map[string]string{"containerID": f[0], "ifname": f[1]})
			}
		}
	}
	exec := &invoke.DefaultExec{RawExec: &invoke.RawExec{Stderr: os.Stderr}}
	for _, p := range list.Plugins {
		var conf map[string]interface{}
		if err := json.Unmarshal(p.Bytes, &conf); err != nil {
			return err
		}
		conf["name"] = list.Name
		conf["cniVersion"] = list.CNIVersion
		if command == "GC" {
			conf["cni.dev/valid-attachments"] = valid
			conf["cni.dev/attachments"] = valid
		}
		raw, err := json.Marshal(conf)
		if err != nil {
			return err
		}
		plugin, err := exec.FindInPath(p.Network.Type, path)
		if err != nil {
			return err
		}
		args := &invoke.Args{Command: command, Path: strings.Join(path, string(os.PathListSeparator))}
		if err := invoke.ExecPluginWithoutResult(ctx, plugin, raw, args, exec); err != nil {
			return err
		}
	}
	return nil
}
