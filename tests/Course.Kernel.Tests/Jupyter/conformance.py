"""jupyter_kernel_test's conformance suite (KernelTests) against the installed .net-csharp kernelspec,
with C# samples. Run one test: python3 -m unittest conformance.CSharpKernelTests.test_completion"""
import unittest
import jupyter_kernel_test


class CSharpKernelTests(jupyter_kernel_test.KernelTests):
    kernel_name = '.net-csharp'
    language_name = 'C#'
    file_extension = '.cs'

    code_hello_world = 'Console.WriteLine("hello, world");'
    code_stderr = 'Console.Error.WriteLine("an error");'

    completion_samples = [
        {'text': 'Console.WriteL', 'matches': {'WriteLine'}},
        {'text': 'Math.Ab', 'matches': {'Abs'}},
        {'text': 'string.IsNullOrW', 'matches': {'IsNullOrWhiteSpace'}},
    ]
    complete_code_samples = ['1 + 1', 'var x = 3;', 'if (true) { }', 'class C { }']
    incomplete_code_samples = ['if (true) {', 'var s = """', 'Console.WriteLine(']
    invalid_code_samples = ['var x = 3; }', 'int 5 = x;']

    code_generate_error = 'throw new InvalidOperationException("boom");'
    code_execute_result = [
        {'code': '6 * 7', 'result': '42'},
        {'code': '"text"', 'result': 'text'},
        {'code': 'new[] { 1, 2 }.Sum()', 'result': '3'},
    ]
    code_display_data = [
        {'code': 'display("shown");', 'mime': 'text/plain'},
        {'code': 'display(new { Name = "Rex" });', 'mime': 'text/html'},
    ]
    supported_history_operations = ('tail', 'range', 'search')
    code_history_pattern = '6 *'
    code_inspect_sample = 'Math.Max'


if __name__ == '__main__':
    unittest.main()
