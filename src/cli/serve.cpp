// `sts-playground serve`: serves the browser bundle (index.html, app.js, app.wasm) over HTTP
// with cpp-httplib. Static files only: the engine runs inside the page, not in this process.
#include <httplib.h>

#include <cerrno>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <string>
#include <string_view>
#include <system_error>
#include <vector>

#include "cli/commands.h"

namespace fs = std::filesystem;

namespace {

void PrintServeUsage(std::FILE* out) {
    std::fprintf(out,
                 "usage: sts-playground serve [--host HOST] [--port PORT] [--web DIR]\n"
                 "  --host HOST  address to bind (default 127.0.0.1)\n"
                 "  --port PORT  TCP port (default 8080; 0 picks a free port)\n"
                 "  --web DIR    folder with index.html, app.js, app.wasm\n"
                 "               (default: the build/web folder next to this executable's folder,\n"
                 "               else ./build/web)\n");
}

bool IsBundleDir(const fs::path& dir) {
    std::error_code ec;
    return fs::is_regular_file(dir / "index.html", ec) && fs::is_regular_file(dir / "app.js", ec);
}

// The executable is build/native/sts-playground and the bundle build/web: look beside the
// executable's folder first, so `serve` works from any working directory.
fs::path DefaultWebDir(const char* argv0) {
    std::vector<fs::path> candidates;
    std::error_code ec;
    fs::path exe = fs::read_symlink("/proc/self/exe", ec);
    if (ec && argv0 != nullptr) exe = fs::absolute(argv0, ec);
    if (!exe.empty()) {
        candidates.push_back(exe.parent_path().parent_path() / "web");
        candidates.push_back(exe.parent_path() / "web");
    }
    candidates.push_back(fs::current_path(ec) / "build" / "web");
    for (const fs::path& c : candidates) {
        if (IsBundleDir(c)) return c.lexically_normal();
    }
    return {};
}

bool ParsePort(std::string_view s, int* port) {
    if (s.empty() || s.size() > 5) return false;
    int v = 0;
    for (char ch : s) {
        if (ch < '0' || ch > '9') return false;
        v = v * 10 + (ch - '0');
    }
    if (v > 65535) return false;
    *port = v;
    return true;
}

}  // namespace

int RunServeCommand(int argc, char** argv) {
    std::string host = "127.0.0.1";
    int port = 8080;
    fs::path web_dir;

    for (int i = 1; i < argc; ++i) {
        const std::string_view arg = argv[i];
        auto value = [&](const char* opt) -> const char* {
            if (i + 1 >= argc) {
                std::fprintf(stderr, "serve: %s needs a value\n", opt);
                return nullptr;
            }
            return argv[++i];
        };
        if (arg == "-h" || arg == "--help") {
            PrintServeUsage(stdout);
            return 0;
        } else if (arg == "--host") {
            const char* v = value("--host");
            if (v == nullptr) return 2;
            host = v;
        } else if (arg == "--port") {
            const char* v = value("--port");
            if (v == nullptr) return 2;
            if (!ParsePort(v, &port)) {
                std::fprintf(stderr, "serve: invalid port '%s'\n", v);
                return 2;
            }
        } else if (arg == "--web") {
            const char* v = value("--web");
            if (v == nullptr) return 2;
            web_dir = v;
        } else {
            std::fprintf(stderr, "serve: unknown option '%s'\n", argv[i]);
            PrintServeUsage(stderr);
            return 2;
        }
    }

    if (web_dir.empty()) {
        web_dir = DefaultWebDir(argc > 0 ? argv[0] : nullptr);
        if (web_dir.empty()) {
            std::fprintf(stderr,
                         "serve: no web bundle found (build/web with index.html and app.js); "
                         "build it with `make build` or pass --web DIR\n");
            return 1;
        }
    } else if (!IsBundleDir(web_dir)) {
        std::fprintf(stderr, "serve: %s has no index.html and app.js\n", web_dir.c_str());
        return 1;
    }

    httplib::Server server;
    // cpp-httplib knows most types; make the ones the page needs explicit. application/wasm is
    // required for WebAssembly.instantiateStreaming.
    server.set_file_extension_and_mimetype_mapping("html", "text/html; charset=utf-8");
    server.set_file_extension_and_mimetype_mapping("js", "text/javascript; charset=utf-8");
    server.set_file_extension_and_mimetype_mapping("mjs", "text/javascript; charset=utf-8");
    server.set_file_extension_and_mimetype_mapping("css", "text/css; charset=utf-8");
    server.set_file_extension_and_mimetype_mapping("wasm", "application/wasm");
    server.set_file_extension_and_mimetype_mapping("json", "application/json");
    server.set_file_extension_and_mimetype_mapping("yaml", "text/yaml; charset=utf-8");
    server.set_file_extension_and_mimetype_mapping("ttf", "font/ttf");
    server.set_file_extension_and_mimetype_mapping("png", "image/png");
    server.set_file_extension_and_mimetype_mapping("svg", "image/svg+xml");
    server.set_file_extension_and_mimetype_mapping("ico", "image/x-icon");
    // A development server: always revalidate, so a rebuilt app.wasm is picked up on reload.
    if (!server.set_mount_point("/", web_dir.string(), {{"Cache-Control", "no-cache"}})) {
        std::fprintf(stderr, "serve: cannot serve %s\n", web_dir.c_str());
        return 1;
    }
    server.set_logger([](const httplib::Request& req, const httplib::Response& res) {
        if (res.status >= 400) {
            std::fprintf(stderr, "serve: %d %s %s\n", res.status, req.method.c_str(), req.path.c_str());
        }
    });

    int bound_port = port;
    if (port == 0) {
        bound_port = server.bind_to_any_port(host);
        if (bound_port < 0) bound_port = 0;
    } else if (!server.bind_to_port(host, port)) {
        bound_port = 0;
    }
    if (bound_port <= 0) {
        std::fprintf(stderr, "serve: cannot listen on %s:%d (%s)\n", host.c_str(), port,
                     errno != 0 ? std::strerror(errno) : "bind failed");
        return 1;
    }

    const bool ipv6 = host.find(':') != std::string::npos;
    std::printf("Serving StatefulSet Playground at http://%s%s%s:%d/\n", ipv6 ? "[" : "",
                host.c_str(), ipv6 ? "]" : "", bound_port);
    std::printf("  (files from %s; Ctrl-C to stop)\n", web_dir.c_str());
    std::fflush(stdout);  // tests and scripts wait for the line above
    return server.listen_after_bind() ? 0 : 1;
}
