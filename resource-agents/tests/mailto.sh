#!/bin/bash
# ocf:heartbeat:MailTo: the notices sent on start and stop, through a
# mail command that records what it is given.
. "$(dirname "$0")/ralib.sh"

mails=$RA_STAGE/mails
export MAILCMD=$RA_STAGE/mail
# one line with the arguments, one with the message, per call
cat >"$MAILCMD" <<FAKE
#!/bin/sh
{ printf 'args:'; printf ' [%s]' "\$@"; echo; printf 'body:'; tr '\n' ' '; echo; } >>"$mails"
exit \${FAKE_MAIL_RC:-0}
FAKE
chmod +x "$MAILCMD"

calls() { grep -c '^args:' "$mails" 2>/dev/null; }
last_args() { grep '^args:' "$mails" | tail -n 1; }
M=(email=admin@example.com subject="Web group")
host=$(uname -n)

is_rc "meta-data" 0 MailTo meta-data
is_rc "validate-all" 0 MailTo validate-all "${M[@]}"
is_rc "probe of a stopped resource" 7 MailTo monitor "${M[@]}"
check "a probe sends nothing" test ! -e "$mails"
is_rc "start" 0 MailTo start "${M[@]}"
check "start sends one mail" test "$(calls)" -eq 1
check "to the address, with the subject and what happened" \
	grep -q "^args: \[-s\] \[Web group Takeover in progress at .* on $host\] \[admin@example.com\]$" "$mails"
check "the message names the resource" grep -q "^body:.*Resource test-MailTo, action start" "$mails"
is_rc "start again" 0 MailTo start "${M[@]}"
check "start again sends nothing" test "$(calls)" -eq 1
is_rc "monitor" 0 MailTo monitor "${M[@]}" CRM_meta_interval=10000
is_rc "stop" 0 MailTo stop "${M[@]}"
check "stop sends a mail" test "$(calls)" -eq 2
check "saying the resources leave" \
	grep -q "^args: \[-s\] \[Web group Migrating resource away at .* from $host\]" "$mails"
is_rc "stop again" 0 MailTo stop "${M[@]}"
check "stop again sends nothing" test "$(calls)" -eq 2
is_rc "monitor after stop" 7 MailTo monitor "${M[@]}" CRM_meta_interval=10000

# several recipients, the default subject, a mail command that fails
R=(email="a@example.com, b@example.com")
is_rc "start with two recipients" 0 MailTo start "${R[@]}"
check "each recipient is an argument, default subject" eval \
	"last_args | grep -q '^args: \[-s\] \[Resource Group Takeover in progress .*\] \[a@example.com\] \[b@example.com\]$'"
FAKE_MAIL_RC=1 is_rc "stop when the mail cannot be sent" 0 MailTo stop "${R[@]}"
check "the lost notice is logged" grep -q "WARNING: .* could not send the stop notice" "$RA_STDERR"
is_rc "monitor after that stop" 7 MailTo monitor "${R[@]}"

# parameters and installation
is_rc "no email" 6 MailTo start
check "the reason names email" grep -q "ocf-exit-reason:email is required" "$RA_STDERR"
MAILCMD=$RA_STAGE/no-mail is_rc "mail command missing: validate-all" 5 MailTo validate-all "${M[@]}"
MAILCMD=$RA_STAGE/no-mail is_rc "mail command missing: start" 5 MailTo start "${M[@]}"
check "the reason names the mail command" grep -q "ocf-exit-reason:mail command '$RA_STAGE/no-mail'" "$RA_STDERR"
MAILCMD=$RA_STAGE/no-mail is_rc "mail command missing: probe" 7 MailTo monitor "${M[@]}"
is_rc "start (then lose the mail command)" 0 MailTo start "${M[@]}"
MAILCMD=$RA_STAGE/no-mail is_rc "stop without a mail command still stops" 0 MailTo stop "${M[@]}"
is_rc "stopped" 7 MailTo monitor "${M[@]}"
is_rc "unknown action" 3 MailTo frobnicate "${M[@]}"

finish
