"""Drives the course kernel with real Jupyter clients (jupyter_client, nbclient): one scenario per run.
Usage: kernel_checks.py <scenario> [notebook]. Exits 0 and prints OK when the scenario holds."""
import os, sys, time, threading, queue
import jupyter_client
from jupyter_client.session import Session

NAME = '.net-csharp'


def start(cwd):
    return jupyter_client.manager.start_new_kernel(kernel_name=NAME, cwd=cwd, startup_timeout=60)


def replies_to(kc, msg_ids, timeout=60):
    """The shell replies to msg_ids, by id, in whatever order they come. On a slow machine start_new_kernel's
    wait_for_ready sends several kernel_info requests; the late replies to them come on the shell channel too and are
    skipped here."""
    deadline = time.monotonic() + timeout
    replies = {}
    while len(replies) < len(msg_ids):
        msg = kc.get_shell_msg(timeout=max(0.1, deadline - time.monotonic()))
        if msg['parent_header'].get('msg_id') in msg_ids:
            replies[msg['parent_header']['msg_id']] = msg
    return replies


def reply_to(kc, msg_id, timeout=60):
    return replies_to(kc, [msg_id], timeout)[msg_id]


def outputs(kc, code, timeout=60):
    got = []
    reply = kc.execute_interactive(code, timeout=timeout, output_hook=lambda m: got.append(m))
    return reply, [m for m in got if m['msg_type'] != 'status']


def basics(cwd):
    km, kc = start(cwd)
    try:
        info = kc.kernel_info(reply=True)['content']
        assert info['language_info']['name'] == 'C#', info
        assert info['language_info']['file_extension'] == '.cs', info
        assert info['language_info']['codemirror_mode'] == 'text/x-csharp', info  # the form classic Notebook highlights
        reply, out = outputs(kc, 'Console.WriteLine("hello"); 6 * 7')
        assert reply['content']['status'] == 'ok', reply
        types = [m['msg_type'] for m in out]
        assert types == ['execute_input', 'stream', 'execute_result'], types
        assert out[1]['content']['text'] == 'hello\n', out[1]
        assert out[2]['content']['data']['text/plain'] == '42', out[2]
        count = reply['content']['execution_count']
        reply, out = outputs(kc, 'int wrong = "text";')
        assert reply['content']['status'] == 'error' and reply['content']['ename'] == 'CS0029', reply['content']
        error = next(m for m in out if m['msg_type'] == 'error')['content']
        # the first line red, as ipykernel's, and no blank line at the end
        assert error['traceback'][0].startswith('\x1b[0;31m') and 'CS0029' in error['traceback'][0], error
        assert error['traceback'][-1].strip(), error
        assert reply['content']['execution_count'] == count + 1, (count, reply['content'])
        msg_id = kc.is_complete('if (true) {')
        content = reply_to(kc, msg_id, timeout=30)['content']
        assert content['status'] == 'incomplete' and content['indent'] == '    ', content
        # a malformed request gets an error reply (not silence), and the kernel carries on
        malformed = kc.session.msg('complete_request', {'code': 'x', 'cursor_pos': 'oops'})
        kc.session.send(kc.shell_channel.socket, malformed)
        content = reply_to(kc, malformed['header']['msg_id'], timeout=30)['content']
        assert content['status'] == 'error' and 'complete_request' in content['evalue'], content
        reply, out = outputs(kc, '2 + 2')
        assert out[-1]['content']['data']['text/plain'] == '4', out
    finally:
        kc.stop_channels(); km.shutdown_kernel(now=False)
    assert not km.is_alive()


def completion(cwd):
    km, kc = start(cwd)
    try:
        outputs(kc, 'var greeting = "hello";')
        # cursor positions count code points: the emoji is one, though .NET strings hold it as two chars
        code = 'var wave = "\U0001F44B"; greeting.ToUp'
        content = reply_to(kc, kc.complete(code, len(code)))['content']
        assert content['status'] == 'ok', content
        assert 'ToUpper' in content['matches'] and 'ToLower' not in content['matches'], content['matches']
        assert (content['cursor_start'], content['cursor_end']) == (code.index('ToUp'), len(code)), content
        kinds = {t['text']: t['type'] for t in content['metadata']['_jupyter_types_experimental']}
        assert kinds['ToUpper'] == 'method', kinds
        content = reply_to(kc, kc.inspect('greeting.Length', len('greeting.Len')))['content']
        assert content['found'] and 'int string.Length' in content['data']['text/plain'], content
    finally:
        kc.stop_channels(); km.shutdown_kernel(now=True)


def completion_starved(cwd):
    """A completion after a cell that left the thread pool's threads blocked still answers (it would wait behind their
    work items, and come back empty when the kernel gives up on it)."""
    km, kc = start(cwd)
    try:
        outputs(kc, 'var word = "x";')
        outputs(kc, 'var blockers = Enumerable.Range(0, 64).Select(_ => Task.Run(() => { while (true) System.Threading.Thread.Sleep(50); })).ToArray();')
        content = reply_to(kc, kc.complete('word.ToUp', len('word.ToUp')))['content']
        assert 'ToUpper' in content['matches'], content
    finally:
        kc.stop_channels(); km.shutdown_kernel(now=True)


def stop_on_error(cwd):
    km, kc = start(cwd)
    try:
        first = kc.execute('throw new InvalidOperationException("boom");')
        second = kc.execute('Console.WriteLine("must not run");')
        replies = {msg_id: msg['content'] for msg_id, msg in replies_to(kc, [first, second]).items()}
        assert replies[first]['status'] == 'error', replies[first]
        assert replies[first]['ename'] == 'System.InvalidOperationException', replies[first]
        assert replies[second]['status'] == 'aborted', replies[second]
    finally:
        kc.stop_channels(); km.shutdown_kernel(now=True)


def expect_interrupted_loop(kc, interrupt):
    """An endless loop that `interrupt` stops once the cell is running: an Interrupted error within 5 s of the interrupt.

    The interrupt waits for the cell's first output, not for a fixed delay: on a loaded machine the kernel may still be
    compiling the cell a second after it was sent, and an interrupt that comes before the cell runs has nothing to stop."""
    interrupted = []

    def on_output(msg):
        if msg['msg_type'] == 'stream' and 'looping' in msg['content'].get('text', '') and not interrupted:
            interrupted.append(time.monotonic())
            interrupt()

    reply = kc.execute_interactive('Console.WriteLine("looping"); while (true) { }', timeout=120, output_hook=on_output)
    assert interrupted, 'the cell never printed "looping"'
    took = time.monotonic() - interrupted[0]
    assert reply['content']['status'] == 'error' and reply['content']['ename'] == 'Interrupted', reply['content']
    assert took < 5, f'the interrupted error came {took:.1f} s after the interrupt'


def interrupt(cwd):
    km, kc = start(cwd)
    try:
        outputs(kc, 'var kept = 41;')
        expect_interrupted_loop(kc, km.interrupt_kernel)
        reply, out = outputs(kc, 'kept + 1')
        assert out[-1]['content']['data']['text/plain'] == '42', out
    finally:
        kc.stop_channels(); km.shutdown_kernel(now=True)


def restart(cwd):
    km, kc = start(cwd)
    try:
        outputs(kc, 'var before = 1;')
        km.restart_kernel(now=False)
        kc.wait_for_ready(timeout=60)
        reply, out = outputs(kc, 'before')
        assert reply['content']['status'] == 'error' and reply['content']['ename'] == 'CS0103', reply['content']
    finally:
        kc.stop_channels(); km.shutdown_kernel(now=True)


def expect_fresh_process(km, kc, reply, lost):
    """After a cell that cost the notebook's process: its error says so, the kernel lives, the next cell runs in a fresh
    process, and the variable `lost` from before is gone."""
    assert 'fresh notebook process' in reply['content']['evalue'], reply['content']
    assert km.is_alive(), 'the kernel ended with its notebook process'
    reply, out = outputs(kc, '6 * 7')
    assert out[-1]['content']['data']['text/plain'] == '42', out
    reply, out = outputs(kc, lost)
    assert reply['content']['status'] == 'error' and reply['content']['ename'] == 'CS0103', reply['content']


def fatal(cwd):
    """A cell that ends the notebook's process: the kernel stays up, says the state is lost, and runs the next cell."""
    km, kc = start(cwd)
    try:
        outputs(kc, 'var before = 1;')
        reply, out = outputs(kc, 'Console.WriteLine("last words"); Environment.Exit(3);')
        assert reply['content']['status'] == 'error' and reply['content']['ename'] == 'ProcessEnded', reply['content']
        assert any(m['msg_type'] == 'stream' and 'last words' in m['content']['text'] for m in out), out
        expect_fresh_process(km, kc, reply, lost='before')
    finally:
        kc.stop_channels(); km.shutdown_kernel(now=True)


def time_limit(cwd):
    """The per-cell limit comes from COURSE_CELL_TIME_LIMIT (or --cell-time-limit), and its message says so. A cell that
    cannot be stopped at its limit costs the notebook's state, not the kernel."""
    km, kc = jupyter_client.manager.start_new_kernel(kernel_name=NAME, cwd=cwd, startup_timeout=60,
                                                     env=dict(os.environ, COURSE_CELL_TIME_LIMIT='2'))
    try:
        started = time.monotonic()
        reply, _ = outputs(kc, 'while (true) { }', timeout=30)
        took = time.monotonic() - started
        assert reply['content']['ename'] == 'TimeLimitExceeded', reply['content']
        assert 'limit of 2 s' in reply['content']['evalue'] and '--cell-time-limit' in reply['content']['evalue'], reply['content']
        assert 'timeoutSeconds' not in reply['content']['evalue'], reply['content']
        assert took < 15, f'a 2 s limit stopped the cell after {took:.1f} s'
        reply, out = outputs(kc, 'var kept = 3; kept')
        assert out[-1]['content']['data']['text/plain'] == '3', out
        # a cell that cannot be stopped (an endless Thread.Sleep): its process is replaced, and the kernel answers on
        reply, _ = outputs(kc, 'System.Threading.Thread.Sleep(System.Threading.Timeout.Infinite);', timeout=45)
        assert reply['content']['ename'] == 'TimeLimitExceeded', reply['content']
        expect_fresh_process(km, kc, reply, lost='kept')
    finally:
        kc.stop_channels(); km.shutdown_kernel(now=True)


def sigint(cwd):
    """SIGINT is an interrupt, as in ipykernel: it stops a running cell, and an idle kernel lives on."""
    import signal
    km, kc = start(cwd)
    try:
        pid = km.provisioner.process.pid
        os.kill(pid, signal.SIGINT)
        time.sleep(1)
        assert km.is_alive(), 'SIGINT to an idle kernel ended it'
        expect_interrupted_loop(kc, lambda: os.kill(pid, signal.SIGINT))
        reply, out = outputs(kc, '2 + 2')
        assert out[-1]['content']['data']['text/plain'] == '4', out
    finally:
        kc.stop_channels(); km.shutdown_kernel(now=True)


def replay(cwd):
    """A correctly signed message sent a second time (a replay) is not executed again."""
    km, kc = start(cwd)
    try:
        outputs(kc, 'var runs = 0;')
        msg = kc.session.msg('execute_request', content={'code': 'runs++;', 'silent': False, 'store_history': True,
                                                           'user_expressions': {}, 'allow_stdin': False})
        kc.session.send(kc.shell_channel.socket, msg)
        reply_to(kc, msg['header']['msg_id'])
        kc.session.send(kc.shell_channel.socket, msg)  # the same header, so the same signature
        try:
            again = reply_to(kc, msg['header']['msg_id'], timeout=3)
            raise AssertionError(f'the kernel answered a replayed message: {again["content"]}')
        except queue.Empty:
            pass
        reply, out = outputs(kc, 'runs')
        assert out[-1]['content']['data']['text/plain'] == '1', out
    finally:
        kc.stop_channels(); km.shutdown_kernel(now=True)


ORPHAN_CLIENT = """
import sys, time, jupyter_client
km = jupyter_client.KernelManager(kernel_name=sys.argv[1])
km.start_kernel()
kc = km.client(); kc.start_channels(); kc.wait_for_ready(timeout=60)
print(km.provisioner.process.pid, flush=True)
time.sleep(600)
"""


def running(pid):
    try:
        with open(f'/proc/{pid}/status') as status:
            return not any(line.startswith('State:') and 'Z' in line.split()[1] for line in status)
    except FileNotFoundError:
        return False


def children(pid):
    try:
        with open(f'/proc/{pid}/task/{pid}/children') as f:
            return [int(c) for c in f.read().split()]
    except FileNotFoundError:
        return []


def expect_gone(kernel, worker, seconds):
    deadline = time.monotonic() + seconds
    while (running(kernel) or running(worker)) and time.monotonic() < deadline:
        time.sleep(0.2)
    left = [f'{name} {pid}' for name, pid in (('kernel', kernel), ('worker', worker)) if running(pid)]
    for pid in (kernel, worker):
        if running(pid):
            os.kill(pid, 9)
    assert not left, f'{", ".join(left)} outlived the client by {seconds} s'


def orphan(client_code):
    import subprocess
    client = subprocess.Popen([sys.executable, '-c', client_code, NAME], stdout=subprocess.PIPE, text=True)
    kernel = int(client.stdout.readline())
    deadline = time.monotonic() + 30
    while not children(kernel) and time.monotonic() < deadline:
        time.sleep(0.2)
    worker = children(kernel)[0]
    assert running(kernel) and running(worker)
    client.kill(); client.wait()
    return kernel, worker


def orphaned(cwd):
    """A client that dies without shutting its kernel down (killed): the kernel, which watches JPY_PARENT_PID, ends by itself,
    and its notebook process with it."""
    expect_gone(*orphan(ORPHAN_CLIENT), seconds=10)


ORPHAN_CLIENT_WITHOUT_PARENT_PID = """
import os, subprocess, sys, time, jupyter_client
km = jupyter_client.KernelManager(kernel_name=sys.argv[1])
km.write_connection_file()
env = {k: v for k, v in os.environ.items() if k != 'JPY_PARENT_PID'}
argv = [a.replace('{connection_file}', km.connection_file) for a in km.kernel_spec.argv]
kernel = subprocess.Popen(argv, env=env)  # as VS Code starts kernels: no JPY_PARENT_PID
# A client of its own, not km.client(): the manager did not start this kernel, so it would call it dead whenever the
# first kernel_info_reply takes more than a second (a busy machine), and this client would give up.
kc = jupyter_client.BlockingKernelClient(connection_file=km.connection_file)
kc.load_connection_file(); kc.start_channels(hb=False); kc.wait_for_ready(timeout=60)
print(kernel.pid, flush=True)
time.sleep(600)
"""


def orphaned_without_parent_pid(cwd):
    """The same when the client did not set JPY_PARENT_PID: the kernel sees that its parent process is gone."""
    expect_gone(*orphan(ORPHAN_CLIENT_WITHOUT_PARENT_PID), seconds=10)


def bad_signature(cwd):
    km, kc = start(cwd)
    try:
        forger = Session(key=b'not-the-key', username='forger')
        forged = forger.msg('execute_request', content={'code': 'Console.WriteLine("forged")', 'silent': False,
                                                         'store_history': True, 'user_expressions': {}, 'allow_stdin': False})
        forger.send(kc.shell_channel.socket, forged)
        try:
            msg = reply_to(kc, forged['header']['msg_id'], timeout=3)
            raise AssertionError(f'the kernel answered a badly signed message: {msg["content"]}')
        except queue.Empty:
            pass
        reply, out = outputs(kc, '1 + 1')
        assert reply['content']['status'] == 'ok', reply
        assert not any('forged' in str(m['content']) for m in out), out
    finally:
        kc.stop_channels(); km.shutdown_kernel(now=True)


def progress(cwd):
    """A check run in the kernel is recorded in the course's progress, as `course check` records it."""
    import json
    path = os.path.join(os.environ['COURSE_ROOT'], '.course', 'progress.json')

    def status():
        with open(path, encoding='utf-8') as f:
            return json.load(f)['exercises']['00.1']['status']

    km, kc = start(cwd)
    try:
        reply, _ = outputs(kc, '#r "Microsoft.AspNetCore"\n#r "../lib/Course.Lib/bin/Course.Lib.dll"\n'
                               'using Microsoft.AspNetCore.Builder;\nusing Course.Exercises;')
        assert reply['content']['status'] == 'ok', reply['content']
        outputs(kc, 'StartHereExercises.Greeting.Check(app => app.MapGet("/hello/{name}", () => "Hello!"))')
        assert status() == 'incorrect', status()
        outputs(kc, 'StartHereExercises.Greeting.Check(app => app.MapGet("/hello/{name}", (string name, string greeting = "Hello") => $"{greeting}, {name}!"))')
        assert status() == 'correct', status()
    finally:
        kc.stop_channels(); km.shutdown_kernel(now=True)


def display_updates(cwd):
    """display(x).Update(y), ten times: update_display_data messages under the display's id, and nbclient keeps one output
    with the last value."""
    import nbformat
    from nbclient import NotebookClient
    code = 'var progress = display("0 of 10");\nfor (var i = 1; i <= 10; i++) progress.Update($"{i} of 10");'
    km, kc = start(cwd)
    try:
        reply, out = outputs(kc, code)
        shown = [m for m in out if m['msg_type'] == 'display_data']
        updates = [m for m in out if m['msg_type'] == 'update_display_data']
        assert len(shown) == 1 and len(updates) == 10, [m['msg_type'] for m in out]
        display_id = shown[0]['content']['transient']['display_id']
        assert all(m['content']['transient']['display_id'] == display_id for m in updates), updates
        assert updates[-1]['content']['data']['text/plain'] == '10 of 10', updates[-1]
    finally:
        kc.stop_channels(); km.shutdown_kernel(now=True)
    nb = nbformat.v4.new_notebook()
    nb.cells.append(nbformat.v4.new_code_cell(code))
    NotebookClient(nb, kernel_name=NAME, timeout=120, resources={'metadata': {'path': cwd}}).execute()
    kept = nb.cells[0].outputs
    assert len(kept) == 1 and kept[0]['output_type'] == 'display_data' and kept[0]['data']['text/plain'] == '10 of 10', kept


def notebook(cwd, path, executed):
    """Executes the notebook as `jupyter execute` would and saves the result to `executed`."""
    import nbformat
    from nbclient import NotebookClient
    nb = nbformat.read(path, as_version=4)
    NotebookClient(nb, kernel_name=NAME, timeout=300, resources={'metadata': {'path': cwd}}).execute()
    errors = [o for c in nb.cells if c.cell_type == 'code' for o in c.outputs if o.output_type == 'error']
    assert not errors, errors
    assert any(c.outputs for c in nb.cells if c.cell_type == 'code'), 'no cell produced output'
    nbformat.write(nb, executed)


if __name__ == '__main__':
    scenario, cwd = sys.argv[1], os.getcwd()
    if scenario == 'notebook':
        notebook(cwd, sys.argv[2], sys.argv[3])
    else:
        globals()[scenario](cwd)
    print('OK')
