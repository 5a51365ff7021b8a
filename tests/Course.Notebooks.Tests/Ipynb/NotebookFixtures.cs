namespace Course.Notebooks.Tests.Ipynb;

/// <summary>
/// Notebook texts for the tests. The nbformat ones were written by Python's nbformat 5.5 and pasted here unchanged;
/// line endings are normalised to LF so that a CRLF checkout of this file changes nothing.
/// </summary>
internal static class NotebookFixtures
{
    /// <summary>Written by Python's nbformat 5.5 (<c>nbformat.write</c>): sorted keys, indent 1, raw UTF-8, control characters escaped, final newline. Has Chinese text, an emoji, HTML characters, every output type, a raw cell with control characters, unknown metadata and numbers such as <c>1.0</c> and <c>1e-05</c>.</summary>
    public static readonly string NbformatWritten = Lf("""
        {
         "cells": [
          {
           "cell_type": "markdown",
           "id": "intro-1",
           "metadata": {
            "tags": [
             "intro"
            ]
           },
           "source": [
            "# 正向代理与反向代理 🚀\n",
            "\n",
            "Use `<b>&</b>` — it's \"quoted\", a\\backslash and a/slash.\tTab\n"
           ]
          },
          {
           "cell_type": "code",
           "execution_count": 1,
           "id": "c2",
           "metadata": {
            "custom": {
             "a": 2,
             "z": 1
            },
            "dotnet_interactive": {
             "language": "csharp"
            },
            "polyglot_notebook": {
             "kernelName": "csharp"
            }
           },
           "outputs": [
            {
             "name": "stdout",
             "output_type": "stream",
             "text": [
              "\u001b[31mred\u001b[0m\n",
              "line2\n"
             ]
            },
            {
             "data": {
              "text/html": [
               "<b>42</b>\n",
               "<i>x</i>"
              ],
              "text/plain": [
               "42"
              ]
             },
             "execution_count": 1,
             "metadata": {},
             "output_type": "execute_result"
            },
            {
             "data": {
              "application/json": {
               "a": [
                1,
                2
               ],
               "b": 1
              },
              "image/png": "iVBORw0KGgo="
             },
             "metadata": {},
             "output_type": "display_data"
            },
            {
             "ename": "System.Exception",
             "evalue": "boom <&>",
             "output_type": "error",
             "traceback": [
              "\u001b[0;31mSystem.Exception: boom\u001b[0m",
              "   at Submission#0"
             ]
            }
           ],
           "source": [
            "Console.WriteLine(\"\\u001b[31mred\");\n",
            "var x = 1;"
           ]
          },
          {
           "cell_type": "raw",
           "id": "r3",
           "metadata": {},
           "source": [
            "raw \b\f",
            "\u0000\u0001 text\r\n",
            "end"
           ]
          },
          {
           "cell_type": "code",
           "execution_count": null,
           "id": "empty",
           "metadata": {},
           "outputs": [],
           "source": []
          }
         ],
         "metadata": {
          "course": {
           "chapter": 3,
           "title": "正向代理 🚀",
           "weights": [
            1.0,
            1e-05,
            12345678901234567890,
            -0.5
           ]
          },
          "kernelspec": {
           "display_name": ".NET (C#)",
           "language": "C#",
           "name": ".net-csharp"
          },
          "language_info": {
           "name": "polyglot-notebook"
          },
          "polyglot_notebook": {
           "kernelInfo": {
            "defaultKernelName": "csharp",
            "items": [
             {
              "aliases": [],
              "name": "csharp"
             }
            ]
           }
          }
         },
         "nbformat": 4,
         "nbformat_minor": 5
        }
        """) + "\n";

    /// <summary>The same notebook as <see cref="NbformatWritten"/> written by Python's <c>json.dumps(nb, sort_keys=True, indent=1, ensure_ascii=True) + "\n"</c>: non-ASCII as <c>\u6b63</c> escapes.</summary>
    public static readonly string NbformatWrittenEnsureAscii = Lf("""
        {
         "cells": [
          {
           "cell_type": "markdown",
           "id": "intro-1",
           "metadata": {
            "tags": [
             "intro"
            ]
           },
           "source": [
            "# \u6b63\u5411\u4ee3\u7406\u4e0e\u53cd\u5411\u4ee3\u7406 \ud83d\ude80\n",
            "\n",
            "Use `<b>&</b>` \u2014 it's \"quoted\", a\\backslash and a/slash.\tTab\n"
           ]
          },
          {
           "cell_type": "code",
           "execution_count": 1,
           "id": "c2",
           "metadata": {
            "custom": {
             "a": 2,
             "z": 1
            },
            "dotnet_interactive": {
             "language": "csharp"
            },
            "polyglot_notebook": {
             "kernelName": "csharp"
            }
           },
           "outputs": [
            {
             "name": "stdout",
             "output_type": "stream",
             "text": [
              "\u001b[31mred\u001b[0m\n",
              "line2\n"
             ]
            },
            {
             "data": {
              "text/html": [
               "<b>42</b>\n",
               "<i>x</i>"
              ],
              "text/plain": [
               "42"
              ]
             },
             "execution_count": 1,
             "metadata": {},
             "output_type": "execute_result"
            },
            {
             "data": {
              "application/json": {
               "a": [
                1,
                2
               ],
               "b": 1
              },
              "image/png": "iVBORw0KGgo="
             },
             "metadata": {},
             "output_type": "display_data"
            },
            {
             "ename": "System.Exception",
             "evalue": "boom <&>",
             "output_type": "error",
             "traceback": [
              "\u001b[0;31mSystem.Exception: boom\u001b[0m",
              "   at Submission#0"
             ]
            }
           ],
           "source": [
            "Console.WriteLine(\"\\u001b[31mred\");\n",
            "var x = 1;"
           ]
          },
          {
           "cell_type": "raw",
           "id": "r3",
           "metadata": {},
           "source": [
            "raw \b\f",
            "\u0000\u0001 text\r\n",
            "end"
           ]
          },
          {
           "cell_type": "code",
           "execution_count": null,
           "id": "empty",
           "metadata": {},
           "outputs": [],
           "source": []
          }
         ],
         "metadata": {
          "course": {
           "chapter": 3,
           "title": "\u6b63\u5411\u4ee3\u7406 \ud83d\ude80",
           "weights": [
            1.0,
            1e-05,
            12345678901234567890,
            -0.5
           ]
          },
          "kernelspec": {
           "display_name": ".NET (C#)",
           "language": "C#",
           "name": ".net-csharp"
          },
          "language_info": {
           "name": "polyglot-notebook"
          },
          "polyglot_notebook": {
           "kernelInfo": {
            "defaultKernelName": "csharp",
            "items": [
             {
              "aliases": [],
              "name": "csharp"
             }
            ]
           }
          }
         },
         "nbformat": 4,
         "nbformat_minor": 5
        }
        """) + "\n";

    /// <summary>Written by Python's nbformat 5.5 from <c>nbformat.v4.new_notebook</c>, <c>new_code_cell</c>, <c>new_markdown_cell</c> and <c>new_output</c> for the same content that <see cref="NotebookCreateTests"/> builds with this library.</summary>
    public static readonly string NbformatCrossCheck = Lf("""
        {
         "cells": [
          {
           "cell_type": "markdown",
           "id": "md-1",
           "metadata": {},
           "source": [
            "# Títle 正向代理\n",
            "\n",
            "Some *text* <b>&</b>."
           ]
          },
          {
           "cell_type": "code",
           "execution_count": 3,
           "id": "code-1",
           "metadata": {
            "dotnet_interactive": {
             "language": "csharp"
            },
            "polyglot_notebook": {
             "kernelName": "csharp"
            },
            "tags": [
             "setup",
             "hide"
            ],
            "vscode": {
             "languageId": "csharp"
            }
           },
           "outputs": [
            {
             "name": "stdout",
             "output_type": "stream",
             "text": [
              "héllo\n",
              "\u001b[1mbold\u001b[0m\n"
             ]
            },
            {
             "name": "stderr",
             "output_type": "stream",
             "text": [
              "warn"
             ]
            },
            {
             "data": {
              "text/html": [
               "<b>42</b>"
              ],
              "text/plain": [
               "42\n",
               "43"
              ]
             },
             "execution_count": 3,
             "metadata": {},
             "output_type": "execute_result"
            },
            {
             "data": {
              "application/vnd.custom+json": {
               "a": "x",
               "z": [
                1,
                2
               ]
              },
              "image/png": "iVBORw0KGgo=",
              "image/svg+xml": [
               "<svg>\n",
               "</svg>"
              ]
             },
             "metadata": {},
             "output_type": "display_data"
            },
            {
             "ename": "DivideByZeroException",
             "evalue": "Attempted to divide by zero.",
             "output_type": "error",
             "traceback": [
              "\u001b[31mboom\u001b[0m",
              "  at Cell 1"
             ]
            }
           ],
           "source": [
            "var s = \"héllo\";\n",
            "Console.WriteLine(s);\n"
           ]
          },
          {
           "cell_type": "code",
           "execution_count": null,
           "id": "code-2",
           "metadata": {
            "dotnet_interactive": {
             "language": "csharp"
            },
            "polyglot_notebook": {
             "kernelName": "csharp"
            },
            "vscode": {
             "languageId": "csharp"
            }
           },
           "outputs": [],
           "source": [
            "1 + 1"
           ]
          }
         ],
         "metadata": {
          "kernelspec": {
           "display_name": ".NET (C#)",
           "language": "C#",
           "name": ".net-csharp"
          },
          "language_info": {
           "name": "polyglot-notebook"
          },
          "polyglot_notebook": {
           "kernelInfo": {
            "defaultKernelName": "csharp",
            "items": [
             {
              "aliases": [],
              "name": "csharp"
             }
            ]
           }
          }
         },
         "nbformat": 4,
         "nbformat_minor": 5
        }
        """) + "\n";

    /// <summary>
    /// A hand-edited notebook: two-space indent, keys in no particular order (so they must not be sorted on write),
    /// an unknown top-level key, <c>source</c> as a string in two cells and as a list in one, the number <c>2.50</c>.
    /// </summary>
    public static readonly string HandEdited = Lf("""
        {
          "nbformat": 4,
          "nbformat_minor": 5,
          "x-course": {
            "generator": "hand",
            "revision": 2.50
          },
          "metadata": {
            "kernelspec": {
              "name": ".net-csharp",
              "display_name": ".NET (C#)",
              "language": "C#"
            },
            "custom": {
              "empty": {},
              "list": []
            }
          },
          "cells": [
            {
              "id": "a1",
              "cell_type": "markdown",
              "source": "Intro: 正向代理 <b>&</b>\nsecond line",
              "metadata": {}
            },
            {
              "id": "b2",
              "cell_type": "code",
              "metadata": {
                "tags": [
                  "setup"
                ],
                "unknown": true
              },
              "source": [
                "var a = 1;\n",
                "a"
              ],
              "outputs": [],
              "execution_count": null
            },
            {
              "id": "c3",
              "cell_type": "code",
              "metadata": {},
              "source": "Console.WriteLine(\"hi\");",
              "execution_count": 7,
              "outputs": [
                {
                  "output_type": "stream",
                  "name": "stdout",
                  "text": "old\n"
                }
              ]
            }
          ]
        }
        """) + "\n";

    /// <summary>A small notebook as Python's <c>json.dumps(nb, ensure_ascii=False)</c> writes it: one line, <c>", "</c> and <c>": "</c>.</summary>
    public const string PythonCompact =
        """{"cells": [{"cell_type": "markdown", "id": "m", "metadata": {}, "source": ["é <b>&</b>\n", "x"]}, {"cell_type": "code", "execution_count": null, "id": "c", "metadata": {}, "outputs": [], "source": ["1 + 1"]}], "metadata": {}, "nbformat": 4, "nbformat_minor": 5}""";

    /// <summary>The same notebook as JavaScript's <c>JSON.stringify(nb)</c> writes it: one line, no spaces.</summary>
    public const string JavaScriptCompact =
        """{"cells":[{"cell_type":"markdown","id":"m","metadata":{},"source":["é <b>&</b>\n","x"]},{"cell_type":"code","execution_count":null,"id":"c","metadata":{},"outputs":[],"source":["1 + 1"]}],"metadata":{},"nbformat":4,"nbformat_minor":5}""";

    /// <summary>The text with every line break as LF.</summary>
    public static string Lf(string text) => text.ReplaceLineEndings("\n");

    /// <summary>The text with CRLF line breaks (a JSON text has no raw line breaks inside strings).</summary>
    public static string WithCrlf(string text) => Lf(text).Replace("\n", "\r\n", StringComparison.Ordinal);

    /// <summary>The text without its final line break.</summary>
    public static string WithoutFinalNewline(string text) => text.TrimEnd('\n', '\r');

    /// <summary>The text with each leading space of a line replaced by <paramref name="unit"/> (one-space indent to another unit).</summary>
    public static string Reindent(string text, string unit) =>
        string.Join('\n', Lf(text).Split('\n').Select(line =>
        {
            var spaces = line.Length - line.TrimStart(' ').Length;
            return string.Concat(Enumerable.Repeat(unit, spaces)) + line[spaces..];
        }));

    /// <summary>The standard styles of <see cref="NbformatWritten"/>, by name, for theories.</summary>
    public static string Variant(string name) => name switch
    {
        "nbformat" => NbformatWritten,
        "ensure-ascii" => NbformatWrittenEnsureAscii,
        "crlf" => WithCrlf(NbformatWritten),
        "indent-2" => Reindent(NbformatWritten, "  "),
        "indent-4" => Reindent(NbformatWritten, "    "),
        "indent-tab" => Reindent(NbformatWritten, "\t"),
        "indent-0" => Reindent(NbformatWritten, ""),
        "no-final-newline" => WithoutFinalNewline(NbformatWritten),
        "crlf-indent-4-no-final-newline" => WithoutFinalNewline(WithCrlf(Reindent(NbformatWritten, "    "))),
        "ensure-ascii-crlf" => WithCrlf(NbformatWrittenEnsureAscii),
        "hand-edited" => HandEdited,
        "hand-edited-crlf" => WithCrlf(HandEdited),
        "python-compact" => PythonCompact,
        "javascript-compact" => JavaScriptCompact,
        _ => throw new ArgumentOutOfRangeException(nameof(name), name, null),
    };

    /// <summary>The names <see cref="Variant"/> knows.</summary>
    public static TheoryData<string> VariantNames =>
    [
        "nbformat", "ensure-ascii", "crlf", "indent-2", "indent-4", "indent-tab", "indent-0", "no-final-newline",
        "crlf-indent-4-no-final-newline", "ensure-ascii-crlf", "hand-edited", "hand-edited-crlf", "python-compact", "javascript-compact",
    ];
}
