# Makes the packaged /etc/anpr/anpr.toml from the repository's config/anpr.toml:
# the same keys and values, except the repository-relative ones, which become
# the installed locations. Each replacement must match exactly once, and no
# repository-relative path may be left over, or this stops with an error: an
# edit of config/anpr.toml can then not silently ship a broken default.
#
# Included by packaging/CMakeLists.txt at configure time, or on its own:
#   cmake -DANPR_CONFIG_IN=config/anpr.toml -DANPR_CONFIG_OUT=/tmp/anpr.toml -P packaging/make-config.cmake

if(CMAKE_SCRIPT_MODE_FILE)
  cmake_minimum_required(VERSION 3.25)
endif()
if(NOT ANPR_CONFIG_IN OR NOT ANPR_CONFIG_OUT)
  message(FATAL_ERROR "make-config.cmake: set ANPR_CONFIG_IN and ANPR_CONFIG_OUT")
endif()
file(READ "${ANPR_CONFIG_IN}" config)

# replace(FROM TO): FROM must occur exactly once in the file.
function(anpr_config_replace from to)
  string(LENGTH "${from}" from_length)
  string(LENGTH "${config}" length)
  string(REPLACE "${from}" "" without "${config}")
  string(LENGTH "${without}" length_without)
  math(EXPR count "(${length} - ${length_without}) / ${from_length}")
  if(NOT count EQUAL 1)
    message(FATAL_ERROR
      "make-config.cmake: expected exactly one '${from}' in ${ANPR_CONFIG_IN}, found ${count}: "
      "the packaged config (/etc/anpr/anpr.toml) can't be made; update packaging/make-config.cmake")
  endif()
  string(REPLACE "${from}" "${to}" config "${config}")
  set(config "${config}" PARENT_SCOPE)
endfunction()

# The file's top comment: what it is and where relative paths would go.
anpr_config_replace(
  "# ANPR unit configuration: every key, with the value the unit ships with. These
# are the built-in defaults, except log.file (built in: \"\", console only)."
  "# ANPR unit configuration: every key, with the value the unit ships with. These
# are the built-in defaults, except the paths (models in /usr/share/anpr/models,
# outbox, hit list, signing key and snapshots in /var/lib/anpr) and
# capture.source (the V4L2 camera /dev/video0).")
anpr_config_replace(
  "# with one line per problem. Relative paths are taken from the working
# directory; this file suits a unit run from the repository root."
  "# with one line per problem. Relative paths are taken from the working
# directory (/var/lib/anpr under systemd). This is /etc/anpr/anpr.toml as the
# anpr-unit package installs it (made from config/anpr.toml in the source
# tree); dpkg keeps your changes on upgrade. Check it with
# `anprd --check-config /etc/anpr/anpr.toml`, then `systemctl restart anprd`.")

# The values.
anpr_config_replace("file = \"out/anprd.log\"" "file = \"\"")
anpr_config_replace("# Log file, written besides the console; \"\" logs to the console only."
                    "# Log file, written besides the console; \"\" logs to the console only (under\n# systemd: the journal, `journalctl -u anprd`).")
anpr_config_replace("source = \"images\"" "source = \"v4l2:///dev/video0\"")
anpr_config_replace("model = \"models/plate_detector.onnx\"" "model = \"/usr/share/anpr/models/plate_detector.onnx\"")
anpr_config_replace("model = \"models/plate_reader.onnx\"" "model = \"/usr/share/anpr/models/plate_reader.onnx\"")
anpr_config_replace("path = \"out/outbox.db\"" "path = \"/var/lib/anpr/outbox.db\"")
anpr_config_replace("store = \"out/hitlist.db\"" "store = \"/var/lib/anpr/hitlist.db\"")
anpr_config_replace("key_dir = \"out\"" "key_dir = \"/var/lib/anpr\"")
anpr_config_replace("snapshot_dir = \"out/snapshots\"" "snapshot_dir = \"/var/lib/anpr/snapshots\"")

# Nothing repository-relative may be left in a value (a key added later with
# a path under out/, models/ or images/ must be given its installed place here).
string(REGEX MATCHALL "\n[ \t]*[A-Za-z0-9_]+[ \t]*=[^\n]*\"(out|models|images|config)(/[^\"]*)?\"" left "${config}")
if(left)
  list(JOIN left "" left)
  string(REPLACE "\n" "\n  " left "${left}")
  message(FATAL_ERROR
    "make-config.cmake: repository-relative values left in the packaged config:${left}\n"
    "give them their installed place in packaging/make-config.cmake")
endif()

# Written only when changed, so that nothing depending on it rebuilds for nothing.
file(WRITE "${ANPR_CONFIG_OUT}.new" "${config}")
file(COPY_FILE "${ANPR_CONFIG_OUT}.new" "${ANPR_CONFIG_OUT}" ONLY_IF_DIFFERENT)
file(REMOVE "${ANPR_CONFIG_OUT}.new")
