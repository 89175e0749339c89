using System.Text;

namespace TargetSalesforce.Cli;

/// <summary>Asks a person for a secret without echoing it; null where no one can be asked.</summary>
public interface ISecretPrompt
{
    /// <summary>The answer (empty when the person just pressed Enter), or null when there is no terminal to ask at.</summary>
    string? Ask(string question);
}

/// <summary>The real terminal: asks only when stdin is a terminal, and reads without echo.</summary>
public sealed class TerminalSecretPrompt : ISecretPrompt
{
    public static readonly TerminalSecretPrompt Instance = new();

    public string? Ask(string question)
    {
        if (Console.IsInputRedirected || Console.IsErrorRedirected)
        {
            return null;
        }

        Console.Error.Write(question);
        var answer = new StringBuilder();
        while (true)
        {
            var key = Console.ReadKey(intercept: true);
            if (key.Key == ConsoleKey.Enter)
            {
                break;
            }

            if (key.Key == ConsoleKey.Backspace)
            {
                if (answer.Length > 0)
                {
                    answer.Length--;
                }
            }
            else if (!char.IsControl(key.KeyChar))
            {
                answer.Append(key.KeyChar);
            }
        }

        Console.Error.WriteLine();
        return answer.ToString();
    }
}
